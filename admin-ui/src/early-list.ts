import type { GetListParams, GetListResult } from 'react-admin';

/**
 * A list page opened by its full address (a reload, a bookmark, a shared link) fetches its first
 * page while the console starts, instead of after react-admin has checked the session, checked
 * access and rendered the list (which is when useListController first asks the data provider).
 * The answer is kept for the data provider's first getList with exactly the same parameters.
 */

export interface ListRequest {
  resource: string;
  params: Pick<GetListParams, 'pagination' | 'sort' | 'filter'>;
}

/** How long an early answer waits to be taken; a later getList asks the server again. */
export const EARLY_LIST_TTL_MS = 10_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The getList a list page's address asks for, the way react-admin reads it (useListParams: an
 * address with a query wins over stored and default parameters). Only a complete address
 * counts: filter, sort, order and perPage all present (page defaults to 1, as in react-admin).
 * Anything else (defaults that depend on the user, a record's page) gives undefined.
 */
export function listRequestFromHash(hash: string): ListRequest | undefined {
  const match = /^#\/([a-z][a-z0-9-]*)\/?\?(.*)$/.exec(hash);
  if (!match) return undefined;
  const [, resource, search] = match as unknown as [string, string, string];
  const query = new URLSearchParams(search);
  const filterText = query.get('filter');
  const field = query.get('sort');
  const order = query.get('order');
  const perPage = Number(query.get('perPage'));
  const page = query.has('page') ? Number(query.get('page')) : 1;
  if (filterText === null || !field || (order !== 'ASC' && order !== 'DESC')) return undefined;
  if (!Number.isInteger(perPage) || perPage <= 0 || !Number.isInteger(page) || page <= 0)
    return undefined;
  let filter: unknown;
  try {
    filter = JSON.parse(filterText);
  } catch {
    return undefined;
  }
  if (!isPlainObject(filter)) return undefined;
  return { resource, params: { pagination: { page, perPage }, sort: { field, order }, filter } };
}

/** JSON with object keys sorted, so that the same filter in another key order matches. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value))
    return `{${Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function listKey(resource: string, params: ListRequest['params']): string {
  return stableJson({
    resource,
    page: params.pagination?.page,
    perPage: params.pagination?.perPage,
    field: params.sort?.field,
    order: params.sort?.order,
    filter: params.filter ?? {},
  });
}

interface Entry {
  answer: Promise<GetListResult>;
  startedAt: number;
}

/** Early list answers, each handed out once, while fresh. */
export class EarlyLists {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Starts `fetch` for the request now. A failure is dropped: the list then asks itself. */
  start(request: ListRequest, fetch: () => Promise<GetListResult>): void {
    const key = listKey(request.resource, request.params);
    const answer = fetch();
    this.entries.set(key, { answer, startedAt: this.now() });
    answer.catch(() => {
      if (this.entries.get(key)?.answer === answer) this.entries.delete(key);
    });
  }

  /** The early answer for exactly this getList, once; undefined when there is none. */
  take(resource: string, params: GetListParams): Promise<GetListResult> | undefined {
    if (this.entries.size === 0 || params.meta !== undefined) return undefined;
    const key = listKey(resource, params);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() - entry.startedAt > EARLY_LIST_TTL_MS) return undefined;
    return entry.answer;
  }

  /** Forgets every early answer (signing in or out makes them someone else's). */
  clear(): void {
    this.entries.clear();
  }
}

/** The console's early list answers (the data provider takes them; sign-in and out clear them). */
export const earlyLists = new EarlyLists();
