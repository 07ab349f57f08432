import { ApiError } from '../errors/domain-errors.js';
import { contentRange, parseListQuery, takeFilterKey } from './list-query.js';
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

describe('parseListQuery against hostile input', () => {
  const inherited = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  it('never takes an inherited object property for a sortable field', () => {
    for (const field of inherited) {
      expect(
        errorsOf(() => parseListQuery({ sort: JSON.stringify([field, 'ASC']) }, spec)),
      ).toEqual({ sort: expect.stringContaining(`cannot be sorted by “${field}”`) });
    }
  });

  it('never takes an inherited object property for a filter key, and names the key', () => {
    for (const field of inherited) {
      const errors = errorsOf(() => parseListQuery({ filter: `{"${field}":"x"}` }, spec));
      expect(Object.keys(errors)).toEqual([`filter.${field}`]);
      expect(Object.hasOwn(errors, `filter.${field}`)).toBe(true);
    }
  });

  it('refuses pages that are not safe whole numbers, negative, or start absurdly far', () => {
    for (const range of [
      '[1e20,1e20]',
      '[1e20,100000000000000000024]',
      '[9007199254740992,9007199254740993]',
      '[0.5,10]',
      '[-1,-1]',
      '[1000000001,1000000010]',
      '["0","24"]',
      '[null,null]',
      '[0,Infinity]',
      '[[0],[24]]',
    ]) {
      expect({ range, errors: errorsOf(() => parseListQuery({ range }, spec)) }).toEqual({
        range,
        errors: { range: expect.any(String) },
      });
    }
    expect(parseListQuery({ range: '[1000000000,1000000024]' }, spec).offset).toBe(1_000_000_000);
  });

  it('applies the text rule to the search box, exact values and parameter text', () => {
    for (const value of ['a\u0000b', 'x\ud800y', 'bell\u0007', 'tab\tbed', 'line\nbreak']) {
      expect(
        errorsOf(() => parseListQuery({ filter: JSON.stringify({ q: value }) }, spec)),
      ).toEqual({
        'filter.q': expect.any(String),
      });
      expect(
        errorsOf(() => parseListQuery({ filter: JSON.stringify({ role: [value] }) }, spec)),
      ).toEqual({ 'filter.role': expect.any(String) });
    }
    expect(errorsOf(() => parseListQuery({ filter: '{"\\u0000":1}' }, spec))).toHaveProperty(
      'filter',
    );
    expect(errorsOf(() => parseListQuery({ sort: '["name\u0000","ASC"]' }, spec))).toHaveProperty(
      'sort',
    );
    // A valid pair of surrogates is one character, and fine.
    expect(
      parseListQuery({ filter: JSON.stringify({ q: 'ann 😀' }) }, spec).filters[0]!.value,
    ).toBe('ann 😀');
  });

  it('refuses dates outside the years both databases store alike, and odd exact values', () => {
    for (const value of [-8.64e15, 8.64e15, '+275760-09-13T00:00:00Z', '-000001-01-01']) {
      expect(
        errorsOf(() => parseListQuery({ filter: JSON.stringify({ at_gte: value }) }, spec)),
      ).toEqual({
        'filter.at_gte': expect.any(String),
      });
    }
    for (const value of ['0001-01-01T00:00:00.000Z', '1850-06-01', '9999-12-31T23:59:59.999Z']) {
      expect(
        parseListQuery({ filter: JSON.stringify({ at_gte: value }) }, spec).filters[0]!.value,
      ).toEqual(new Date(value));
    }
    expect(errorsOf(() => parseListQuery({ filter: '{"role":[[1]]}' }, spec))).toEqual({
      filter: 'Filter is nested too deeply.',
    });
    for (const value of [1e20, 1.5, [true], [null], 'y'.repeat(201)]) {
      expect(
        errorsOf(() => parseListQuery({ filter: JSON.stringify({ role: value }) }, spec)),
      ).toEqual({
        'filter.role': expect.any(String),
      });
    }
  });

  it('refuses deeply nested parameters without walking them', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(errorsOf(() => parseListQuery({ filter: `{"q":${deep}}` }, spec))).toHaveProperty(
      'filter',
    );
    expect(errorsOf(() => parseListQuery({ sort: deep }, spec))).toHaveProperty('sort');
  });

  it('takes a view or switch out of the filter, own keys only, and leaves the rest to the parser', () => {
    const taken = takeFilterKey(
      { filter: '{"view":"mine","role":"staff"}', range: '[0,9]' },
      'view',
    );
    expect(taken).toEqual({
      present: true,
      value: 'mine',
      rest: { filter: '{"role":"staff"}', range: '[0,9]' },
    });
    expect(takeFilterKey({ filter: '{"role":"staff"}' }, 'view').present).toBe(false);
    expect(takeFilterKey({ filter: '{}' }, 'constructor').present).toBe(false);
    expect(takeFilterKey({}, 'view')).toEqual({ present: false, value: undefined, rest: {} });
    expect(errorsOf(() => takeFilterKey({ filter: '{nope' }, 'view'))).toEqual({
      filter: 'Filter is not valid JSON.',
    });
  });
});
