import type { QueryClient } from '@tanstack/react-query';
import type { DataProvider, GetListParams } from 'react-admin';

import { firstScreenKey } from './first-screen';

/** The list page an address opens on, with the parameters react-admin will ask for. */
export interface FirstList {
  resource: string;
  params: Required<Pick<GetListParams, 'pagination' | 'sort' | 'filter'>>;
}

/** How long the prefetched page counts as fresh: the list mounting just after does not ask again. */
export const FIRST_LIST_FRESH_MS = 10_000;

/**
 * The list page of `hash` when its address carries all of the list's parameters, as react-admin
 * writes them once a list's filter, sort or page changes (a reload, a bookmark, a shared link).
 * Without them react-admin takes them from its store and the list's defaults, which only the
 * mounted list knows: undefined then, and for anything that is not a list page.
 */
export function firstListOf(hash: string): FirstList | undefined {
  const resource = firstScreenKey(hash);
  if (!resource) return undefined;
  const search = new URLSearchParams(hash.split('?')[1] ?? '');
  const [filterText, sort, order, pageText, perPageText] = [
    'filter',
    'sort',
    'order',
    'page',
    'perPage',
  ].map((name) => search.get(name));
  if (!filterText || !sort || !pageText || !perPageText) return undefined;
  if (order !== 'ASC' && order !== 'DESC') return undefined;
  const page = Number(pageText);
  const perPage = Number(perPageText);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1)
    return undefined;
  let filter: unknown;
  try {
    filter = JSON.parse(filterText);
  } catch {
    return undefined;
  }
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return undefined;
  return {
    resource,
    params: {
      pagination: { page, perPage },
      sort: { field: sort, order },
      filter: filter as Record<string, unknown>,
    },
  };
}

/** react-admin's query key for a list page (useGetList's), so the list finds the prefetched page. */
export function listQueryKey({ resource, params }: FirstList): unknown[] {
  const { pagination, sort, filter } = params;
  return [resource, 'getList', { pagination, sort, filter, meta: undefined }];
}

/**
 * Starts reading the list page the address opens on while the console's code still starts up,
 * and keeps it where react-admin's list looks first. The list then draws its rows in its first
 * render instead of drawing an empty table, asking, and drawing again. A failed or unused
 * prefetch costs one request: the list asks again as it would have.
 */
export function prefetchFirstList(
  queryClient: QueryClient,
  dataProvider: Pick<DataProvider, 'getList'>,
  hash: string,
): void {
  const list = firstListOf(hash);
  if (!list) return;
  const queryKey = listQueryKey(list);
  queryClient.setQueryDefaults(queryKey, { staleTime: FIRST_LIST_FRESH_MS });
  void queryClient.prefetchQuery({
    queryKey,
    queryFn: () =>
      dataProvider
        .getList(list.resource, list.params)
        .then(({ data, total, pageInfo, meta }) => ({ data, total, pageInfo, meta })),
  });
}
