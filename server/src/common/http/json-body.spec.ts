import { jsonNestingExceeds } from './json-body.js';

describe('jsonNestingExceeds', () => {
  const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  it('counts objects and arrays outside strings', () => {
    expect(jsonNestingExceeds(nested(32), 32)).toBe(false);
    expect(jsonNestingExceeds(nested(33), 32)).toBe(true);
    expect(jsonNestingExceeds(`${'['.repeat(33)}${']'.repeat(33)}`, 32)).toBe(true);
    expect(jsonNestingExceeds(Buffer.from(nested(5000)), 32)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(JSON.stringify({ a: '{'.repeat(100) }), 2)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ a: '\\"[[[[' }), 1)).toBe(false);
    expect(jsonNestingExceeds('{"a":"\\\\"}', 1)).toBe(false);
  });

  it('is not fooled by multi-byte characters', () => {
    expect(jsonNestingExceeds(Buffer.from(JSON.stringify({ 'ключ😀': '[[[' })), 1)).toBe(false);
  });

  it('stops at the first level over the limit, whatever follows', () => {
    expect(jsonNestingExceeds(`${'['.repeat(40)}garbage`, 32)).toBe(true);
  });
});
