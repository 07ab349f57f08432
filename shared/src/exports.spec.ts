import { EXPORT_COLUMNS, EXPORT_LISTS, exportCell, exportFieldValue } from './exports.js';

describe('export cells', () => {
  it('escapes text a spreadsheet would read as a formula', () => {
    for (const text of ['=1+1', '+31 20', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(exportCell(text)).toBe(`'${text}`);
    }
    expect(exportCell('plain = text')).toBe('plain = text');
    expect(exportCell(['=a', 'b'])).toBe("'=a; b");
  });

  it('writes dates in UTC, numbers and booleans as they are, null as empty', () => {
    expect(exportCell(new Date('2026-03-01T10:00:00+02:00'))).toBe('2026-03-01T08:00:00.000Z');
    expect(exportCell(-3)).toBe('-3');
    expect(exportCell(false)).toBe('false');
    expect(exportCell(null)).toBe('');
    expect(exportCell(undefined)).toBe('');
  });

  it('reads dotted fields, own properties only', () => {
    expect(exportFieldValue({ subject: { name: 'Ann' } }, 'subject.name')).toBe('Ann');
    expect(exportFieldValue({ subject: null }, 'subject.name')).toBeUndefined();
    expect(exportFieldValue({}, 'constructor')).toBeUndefined();
  });

  it('has columns for every list', () => {
    for (const list of EXPORT_LISTS) expect(EXPORT_COLUMNS[list].length).toBeGreaterThan(3);
  });
});
