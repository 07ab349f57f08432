import type { GetListResult } from 'react-admin';

import { EARLY_LIST_TTL_MS, EarlyLists, listKey, listRequestFromHash } from './early-list.js';

const ALL_DUE_FIRST =
  '#/requests?filter=%7B%22view%22%3A%22all%22%7D&order=ASC&page=1&perPage=25&sort=dueAt';

const answer = (total: number): Promise<GetListResult> => Promise.resolve({ data: [], total });

describe('listRequestFromHash', () => {
  it('reads a complete list address as react-admin will ask for it', () => {
    expect(listRequestFromHash(ALL_DUE_FIRST)).toEqual({
      resource: 'requests',
      params: {
        pagination: { page: 1, perPage: 25 },
        sort: { field: 'dueAt', order: 'ASC' },
        filter: { view: 'all' },
      },
    });
  });

  it('takes page 1 when the address has no page, and keeps displayedFilters out', () => {
    const request = listRequestFromHash(
      '#/subjects?displayedFilters=%7B%7D&filter=%7B%7D&order=DESC&perPage=10&sort=name',
    );
    expect(request?.params.pagination).toEqual({ page: 1, perPage: 10 });
    expect(request?.params.filter).toEqual({});
  });

  it('gives nothing when the list would fall back to stored or default parameters', () => {
    expect(listRequestFromHash('#/requests')).toBeUndefined();
    expect(listRequestFromHash('#/requests?page=2')).toBeUndefined();
    expect(listRequestFromHash('#/requests?filter=%7B%7D&sort=dueAt&perPage=25')).toBeUndefined();
  });

  it('gives nothing for a record page, a broken filter or a nonsense page', () => {
    expect(listRequestFromHash('#/requests/12/show?filter=%7B%7D')).toBeUndefined();
    expect(
      listRequestFromHash('#/requests?filter=%7Bview&order=ASC&perPage=25&sort=dueAt'),
    ).toBeUndefined();
    expect(
      listRequestFromHash('#/requests?filter=%5B%5D&order=ASC&perPage=25&sort=dueAt'),
    ).toBeUndefined();
    expect(
      listRequestFromHash('#/requests?filter=%7B%7D&order=ASC&page=0&perPage=25&sort=dueAt'),
    ).toBeUndefined();
  });
});

describe('listKey', () => {
  it('does not depend on the order of the filter keys', () => {
    const params = (filter: Record<string, unknown>) => ({
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'dueAt', order: 'ASC' as const },
      filter,
    });
    expect(listKey('requests', params({ view: 'all', kind: 'access' }))).toBe(
      listKey('requests', params({ kind: 'access', view: 'all' })),
    );
    expect(listKey('requests', params({ view: 'all' }))).not.toBe(
      listKey('requests', params({ view: 'mine' })),
    );
  });
});

describe('EarlyLists', () => {
  const request = listRequestFromHash(ALL_DUE_FIRST)!;

  it('hands the early answer to the same getList, once', async () => {
    const lists = new EarlyLists();
    lists.start(request, () => answer(500_000));
    expect(lists.take('requests', { ...request.params, filter: { view: 'mine' } })).toBeUndefined();
    expect(lists.take('subjects', request.params)).toBeUndefined();
    await expect(lists.take('requests', request.params)).resolves.toEqual({
      data: [],
      total: 500_000,
    });
    expect(lists.take('requests', request.params)).toBeUndefined();
  });

  it('lets a getList with meta ask the server itself', () => {
    const lists = new EarlyLists();
    lists.start(request, () => answer(1));
    expect(lists.take('requests', { ...request.params, meta: { x: 1 } })).toBeUndefined();
  });

  it('drops an answer that waited too long', () => {
    let now = 1_000;
    const lists = new EarlyLists(() => now);
    lists.start(request, () => answer(1));
    now += EARLY_LIST_TTL_MS + 1;
    expect(lists.take('requests', request.params)).toBeUndefined();
  });

  it('drops a failed answer (a 401 before sign-in must not reach the list later)', async () => {
    const lists = new EarlyLists();
    lists.start(request, () => Promise.reject(new Error('401')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lists.take('requests', request.params)).toBeUndefined();
  });

  it('forgets everything on clear (sign-in, sign-out)', () => {
    const lists = new EarlyLists();
    lists.start(request, () => answer(1));
    lists.clear();
    expect(lists.take('requests', request.params)).toBeUndefined();
  });
});
