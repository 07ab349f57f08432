import { validationError } from '../errors/domain-errors.js';
import { textProblem } from '../errors/text-rule.js';
import { jsonNestingExceeds } from '../http/json-body.js';

/** The largest offset a list accepts: far beyond any real page, and safe on both databases. */
export const MAX_LIST_OFFSET = 1_000_000_000;

/** The longest text a search or text filter accepts. */
const MAX_FILTER_TEXT = 200;

/** Years a date filter may name: both databases store and compare these the same way. */
// (Date.UTC would read years 0 to 99 as 1900 to 1999, so these are parsed from ISO text.)
const MIN_FILTER_TIME = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_FILTER_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** An own property of a whitelist map, never one inherited from Object.prototype. */
function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

export type SortOrder = 'ASC' | 'DESC';

export type FilterKind = 'exact' | 'boolean' | 'text' | 'gte' | 'lte' | 'search';

/** How one filter key of a list is read: which column, and how it compares. */
export interface FilterSpec {
  column: string;
  kind: FilterKind;
  /** For `search`: the columns a free-text `q` matches. */
  columns?: string[];
  /** For `exact`: the allowed values. */
  values?: readonly string[];
}

export interface ListSpec {
  /** Sortable field → column. */
  sortable: Record<string, string>;
  filterable: Record<string, FilterSpec>;
  defaultSort: [string, SortOrder];
  maxPageSize?: number;
  /** Unique column that makes the order total, so pages never overlap. Default `id`. */
  idColumn?: string;
}

export interface ParsedFilter {
  spec: FilterSpec;
  value: string | number | boolean | Date | (string | number)[];
}

export interface ListQuery {
  sort: { column: string; order: SortOrder };
  offset: number;
  limit: number;
  filters: ParsedFilter[];
  tieBreaker: string;
  /** Set by exports reading a list in batches: the rows only, no total counted (total -1). */
  skipCount?: boolean;
  /** Set by exports: continue after this row (keyset), instead of at an offset. */
  after?: ListCursor;
}

/** Where a batch of a list ended: the last row's sort value and id (keyset pagination). */
export interface ListCursor {
  value: unknown;
  id: unknown;
}

/** One page of a list, with where it starts (for `Content-Range`). */
export interface Page<T> {
  rows: T[];
  total: number;
  offset: number;
  /** Where this page ended, when its order allows continuing by keyset (sorted by a column). */
  next?: ListCursor;
  /** Set when the total is a recent count rather than one made now (above EXACT_COUNT_LIMIT). */
  totalAsOf?: Date;
  /** The API's cursor for the next page (`cursor=`), when this page is full and keyset-able. */
  nextCursor?: string;
}

export interface RawListParams {
  sort?: unknown;
  range?: unknown;
  filter?: unknown;
  /** Not query parameters: set by the exporter, which reads a list batch by batch. */
  skipCount?: boolean;
  after?: ListCursor;
  /** An API client's cursor (from `X-Next-Cursor`): continue after that row by keyset. */
  cursor?: unknown;
}

function parseJson(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw validationError({ [name]: 'must be a JSON value' });
  const problem = textProblem(raw);
  if (problem) throw validationError({ [name]: problem });
  if (jsonNestingExceeds(raw, 2)) throw validationError({ [name]: 'is nested too deeply' });
  try {
    return JSON.parse(raw);
  } catch {
    throw validationError({ [name]: 'is not valid JSON' });
  }
}

/**
 * Takes one key out of a list's `filter` (a view or a switch that is not a column filter):
 * its raw value when given, and the params the list parser reads for the rest.
 */
export function takeFilterKey(
  params: RawListParams,
  key: string,
): { present: boolean; value: unknown; rest: RawListParams } {
  const raw = params.filter;
  const absent = { present: false, value: undefined, rest: params };
  if (typeof raw !== 'string' || raw === '') return absent;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw validationError({ filter: 'is not valid JSON' });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.hasOwn(parsed, key))
    return absent;
  const { [key]: value, ...others } = parsed as Record<string, unknown>;
  return { present: true, value, rest: { ...params, filter: JSON.stringify(others) } };
}

/**
 * Reads ra-data-simple-rest's list parameters (`sort=["f","ASC"]`, `range=[0,24]`,
 * `filter={...}`) against a whitelist. Anything outside it is a 422 naming the parameter.
 */
export function parseListQuery(params: RawListParams, spec: ListSpec): ListQuery {
  const maxPageSize = spec.maxPageSize ?? 500;

  const sortRaw = parseJson('sort', params.sort) ?? spec.defaultSort;
  if (
    !Array.isArray(sortRaw) ||
    sortRaw.length !== 2 ||
    typeof sortRaw[0] !== 'string' ||
    !['ASC', 'DESC'].includes(String(sortRaw[1]).toUpperCase())
  ) {
    throw validationError({ sort: 'must look like ["field","ASC"]' });
  }
  const sortColumn = own(spec.sortable, sortRaw[0]);
  if (!sortColumn) {
    throw validationError({
      sort: `The list cannot be sorted by “${String(sortRaw[0])}”; it can be sorted by ${Object.keys(spec.sortable).join(', ')}`,
    });
  }

  const rangeRaw = parseJson('range', params.range) ?? [0, 24];
  if (
    !Array.isArray(rangeRaw) ||
    rangeRaw.length !== 2 ||
    !rangeRaw.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    rangeRaw[1] < rangeRaw[0]
  ) {
    throw validationError({
      range: 'must look like [0,24]: two whole numbers, first to last, from 0',
    });
  }
  if (rangeRaw[0] > MAX_LIST_OFFSET) {
    throw validationError({ range: `A page must start at row ${MAX_LIST_OFFSET} or before` });
  }
  const limit = rangeRaw[1] - rangeRaw[0] + 1;
  if (limit > maxPageSize) {
    throw validationError({ range: `A page holds at most ${maxPageSize} rows` });
  }

  const filterRaw = parseJson('filter', params.filter) ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw validationError({ filter: 'must be a JSON object' });
  }
  const filters: ParsedFilter[] = [];
  const errors = new Map<string, string>();
  for (const [key, value] of Object.entries(filterRaw as Record<string, unknown>)) {
    const keyProblem = textProblem(key);
    if (keyProblem) {
      errors.set('filter', `a filter name ${keyProblem}`);
      continue;
    }
    const filterSpec = own(spec.filterable, key);
    if (!filterSpec) {
      errors.set(
        `filter.${key}`,
        `cannot filter by "${key}"; filterable fields: ${Object.keys(spec.filterable).join(', ')}`,
      );
      continue;
    }
    if (value === undefined || value === null || value === '') continue;
    const textValues = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    const valueProblem = textValues.map((v) => textProblem(v)).find((p) => p !== null);
    if (valueProblem) {
      errors.set(`filter.${key}`, valueProblem);
      continue;
    }
    const parsed = parseFilterValue(filterSpec, value);
    if (parsed === undefined) {
      errors.set(`filter.${key}`, `invalid value for "${key}"`);
      continue;
    }
    filters.push({ spec: filterSpec, value: parsed });
  }
  // fromEntries defines own properties, so "filter.__proto__" is reported like any other key.
  if (errors.size > 0) throw validationError(Object.fromEntries(errors));

  return {
    sort: { column: sortColumn, order: String(sortRaw[1]).toUpperCase() as SortOrder },
    offset: rangeRaw[0],
    limit,
    filters,
    tieBreaker: spec.idColumn ?? 'id',
    ...(params.skipCount === true ? { skipCount: true } : {}),
    ...(params.after
      ? { after: params.after }
      : params.cursor !== undefined && params.cursor !== ''
        ? cursorFor(params.cursor, sortColumn, String(sortRaw[1]).toUpperCase())
        : {}),
  };
}

/**
 * An API cursor: the sort it belongs to and the row a page ended on (its sort value and id),
 * as base64url JSON. Dates keep their type so that the database compares them as dates.
 */
export function encodeCursor(query: ListQuery, row: ListCursor): string {
  const value = row.value instanceof Date ? { d: row.value.toISOString() } : row.value;
  return Buffer.from(JSON.stringify([query.sort.column, query.sort.order, value, row.id])).toString(
    'base64url',
  );
}

/** A cursor for another sort is ignored (the offset is used); a malformed one is a 422. */
function cursorFor(raw: unknown, column: string, order: string): { after?: ListCursor } {
  const bad = () =>
    validationError({
      cursor:
        'This place in the list is not one the list gave out; start again from the first page',
    });
  if (typeof raw !== 'string' || raw.length > 2000) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [c, o, value, id] = parsed as unknown[];
  if (typeof id !== 'string' && typeof id !== 'number') throw bad();
  if (c !== column || o !== order) return {};
  if (value !== null && typeof value === 'object') {
    const iso = (value as { d?: unknown }).d;
    const date = typeof iso === 'string' ? new Date(iso) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw bad();
    return { after: { value: date, id } };
  }
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw bad();
  return { after: { value, id } };
}

function parseFilterValue(spec: FilterSpec, value: unknown): ParsedFilter['value'] | undefined {
  switch (spec.kind) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    case 'gte':
    case 'lte': {
      if (typeof value !== 'string' && typeof value !== 'number') return undefined;
      const date = new Date(value);
      const time = date.getTime();
      return Number.isNaN(time) || time < MIN_FILTER_TIME || time > MAX_FILTER_TIME
        ? undefined
        : date;
    }
    case 'text':
    case 'search':
      return typeof value === 'string' && value.length <= MAX_FILTER_TEXT ? value : undefined;
    case 'exact': {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0 || values.length > 100) return undefined;
      const plain = (v: unknown) =>
        (typeof v === 'string' && v.length <= MAX_FILTER_TEXT) ||
        (typeof v === 'number' && Number.isSafeInteger(v));
      if (!values.every(plain)) return undefined;
      if (spec.values && !values.every((v) => spec.values!.includes(String(v)))) return undefined;
      return values.map(String);
    }
  }
}

/** The `Content-Range` header ra-data-simple-rest reads the total from. */
export function contentRange(
  resource: string,
  offset: number,
  count: number,
  total: number,
): string {
  const end = count === 0 ? offset : offset + count - 1;
  return `${resource} ${offset}-${end}/${total}`;
}
