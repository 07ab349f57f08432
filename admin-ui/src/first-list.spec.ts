import { QueryClient } from '@tanstack/react-query';
import type { GetListParams, GetListResult } from 'react-admin';

import { FIRST_LIST_FRESH_MS, firstListOf, listQueryKey, prefetchFirstList } from './first-list.js';

/** An address as react-admin writes it once a list's parameters change. */
function listAddress(resource: string, params: Record<string, string>): string {
  return `#/${resource}?${new URLSearchParams(params).toString()}`;
}

const ALL_DUE_FIRST = {
  filter: JSON.stringify({ view: 'all' }),
  order: 'ASC',
  page: '1',
  perPage: '25',
  sort: 'dueAt',
};

describe('firstListOf', () => {
  it('reads the list page and its parameters from an address that carries all of them', () => {
    expect(firstListOf(listAddress('requests', ALL_DUE_FIRST))).toEqual({
      resource: 'requests',
      params: {
        pagination: { page: 1, perPage: 25 },
        sort: { field: 'dueAt', order: 'ASC' },
        filter: { view: 'all' },
      },
    });
    expect(
      firstListOf(
        listAddress('disclosures', {
          ...ALL_DUE_FIRST,
          filter: '{}',
          order: 'DESC',
          page: '3',
          sort: 'disclosedAt',
        }),
      )?.params,
    ).toEqual({
      pagination: { page: 3, perPage: 25 },
      sort: { field: 'disclosedAt', order: 'DESC' },
      filter: {},
    });
  });

  it('gives nothing when a parameter is missing: the list takes those from its store', () => {
    expect(firstListOf('#/requests')).toBeUndefined();
    for (const name of Object.keys(ALL_DUE_FIRST)) {
      const params: Record<string, string> = { ...ALL_DUE_FIRST };
      delete params[name];
      expect(firstListOf(listAddress('requests', params))).toBeUndefined();
    }
  });

  it('gives nothing for parameters react-admin would not read as given', () => {
    const bad: Record<string, string>[] = [
      { filter: '{view' },
      { filter: '[1]' },
      { filter: 'null' },
      { order: 'UP' },
      { page: '0' },
      { page: 'two' },
      { perPage: '2.5' },
    ];
    for (const change of bad) {
      expect(firstListOf(listAddress('requests', { ...ALL_DUE_FIRST, ...change }))).toBeUndefined();
    }
  });

  it('gives nothing for the home page, a record or a form', () => {
    expect(firstListOf('#/')).toBeUndefined();
    expect(firstListOf(`#/requests/7f3c/show?${new URLSearchParams(ALL_DUE_FIRST)}`)).toBe(
      undefined,
    );
    expect(firstListOf('#/requests/create')).toBeUndefined();
  });
});

describe('prefetchFirstList', () => {
  const page: GetListResult = { data: [{ id: 'r1', reference: 'REQ-1' }], total: 41 };

  function provider(answer: () => Promise<GetListResult>) {
    const calls: [string, GetListParams][] = [];
    return {
      calls,
      getList: (resource: string, params: GetListParams) => {
        calls.push([resource, params]);
        return answer();
      },
    };
  }

  it('reads the page once and keeps it under the key react-admin’s list asks for', async () => {
    const queryClient = new QueryClient();
    const dataProvider = provider(() => Promise.resolve(page));
    const hash = listAddress('requests', ALL_DUE_FIRST);
    prefetchFirstList(queryClient, dataProvider as never, hash);

    const list = firstListOf(hash)!;
    expect(dataProvider.calls).toEqual([['requests', list.params]]);
    // useGetList's key: [resource, 'getList', { pagination, sort, filter, meta }].
    const key = [
      'requests',
      'getList',
      {
        pagination: { page: 1, perPage: 25 },
        sort: { field: 'dueAt', order: 'ASC' },
        filter: { view: 'all' },
        meta: undefined,
      },
    ];
    expect(listQueryKey(list)).toEqual(key);
    await queryClient.getQueryCache().find({ queryKey: key })?.promise;
    expect(queryClient.getQueryData(key)).toEqual({
      data: page.data,
      total: 41,
      pageInfo: undefined,
      meta: undefined,
    });
    expect(queryClient.getQueryDefaults(key).staleTime).toBe(FIRST_LIST_FRESH_MS);
  });

  it('asks nothing for an address without the list’s parameters', () => {
    const queryClient = new QueryClient();
    const dataProvider = provider(() => Promise.resolve(page));
    prefetchFirstList(queryClient, dataProvider as never, '#/requests');
    prefetchFirstList(queryClient, dataProvider as never, '#/');
    expect(dataProvider.calls).toEqual([]);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });

  it('leaves no page behind when the read fails, so the list asks again', async () => {
    const queryClient = new QueryClient();
    const dataProvider = provider(() => Promise.reject(new Error('offline')));
    const hash = listAddress('requests', ALL_DUE_FIRST);
    prefetchFirstList(queryClient, dataProvider as never, hash);
    const key = listQueryKey(firstListOf(hash)!);
    // An unhandled rejection would fail the test run here.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(queryClient.getQueryData(key)).toBeUndefined();
    expect(queryClient.getQueryState(key)?.status).toBe('error');
  });
});
