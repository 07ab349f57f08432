import { ApiError } from '../errors/domain-errors.js';
import { contentRange, parseListQuery } from './list-query.js';
import type { ListSpec } from './list-query.js';

const spec: ListSpec = {
  sortable: { name: 'name', createdAt: 'createdAt' },
  filterable: {
    role: { column: 'role', kind: 'exact', values: ['staff', 'admin'] },
    active: { column: 'active', kind: 'boolean' },
    at_gte: { column: 'at', kind: 'gte' },
    q: { column: 'name', kind: 'search', columns: ['name', 'email'] },
  },
  defaultSort: ['name', 'ASC'],
  maxPageSize: 100,
};

function errorsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(422);
    return (error as ApiError & { errors: Record<string, string> }).errors;
  }
  throw new Error('expected a 422');
}

describe('parseListQuery', () => {
  it('reads ra-data-simple-rest parameters', () => {
    const query = parseListQuery(
      {
        sort: '["createdAt","desc"]',
        range: '[25,49]',
        filter: '{"role":"admin","active":false,"q":"ann"}',
      },
      spec,
    );
    expect(query.sort).toEqual({ column: 'createdAt', order: 'DESC' });
    expect(query.offset).toBe(25);
    expect(query.limit).toBe(25);
    expect(query.filters.map((f) => f.value)).toEqual([['admin'], false, 'ann']);
  });

  it('uses the defaults', () => {
    expect(parseListQuery({}, spec)).toMatchObject({
      sort: { column: 'name', order: 'ASC' },
      offset: 0,
      limit: 25,
      filters: [],
    });
  });

  it('rejects fields outside the whitelist with the parameter named', () => {
    expect(errorsOf(() => parseListQuery({ sort: '["secret","ASC"]' }, spec))).toHaveProperty(
      'sort',
    );
    expect(errorsOf(() => parseListQuery({ filter: '{"secret":1}' }, spec))).toHaveProperty([
      'filter.secret',
    ]);
    expect(errorsOf(() => parseListQuery({ filter: '{"role":"root"}' }, spec))).toHaveProperty([
      'filter.role',
    ]);
    expect(
      errorsOf(() => parseListQuery({ filter: '{"at_gte":"yesterday-ish"}' }, spec)),
    ).toHaveProperty(['filter.at_gte']);
  });

  it('rejects malformed and oversized ranges', () => {
    for (const range of ['[0]', '[5,1]', '[-1,4]', '[0,1000]', 'x']) {
      expect(errorsOf(() => parseListQuery({ range }, spec))).toHaveProperty('range');
    }
  });
});

describe('contentRange', () => {
  it('formats the header, also for an empty page', () => {
    expect(contentRange('users', 0, 25, 3190)).toBe('users 0-24/3190');
    expect(contentRange('users', 50, 0, 10)).toBe('users 50-50/10');
  });
});
