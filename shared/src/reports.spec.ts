import {
  escapeCsvFormula,
  medianOfSorted,
  parseHalfYear,
  parseReportDate,
  parseReportYear,
  percentage,
  reportingBand,
  yearRange,
} from './reports.js';

describe('report parameters', () => {
  it('reads a year from 2000 to 2100, and nothing else', () => {
    expect(parseReportYear('2026')).toBe(2026);
    for (const bad of ['1999', '2101', '26', '2026-01', ' 2026', '', undefined, 2026])
      expect(parseReportYear(bad)).toBeNull();
  });

  it('bounds a year in UTC, end excluded', () => {
    expect(yearRange(2026)).toEqual({
      start: new Date('2026-01-01T00:00:00Z'),
      end: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it('reads half-years', () => {
    expect(parseHalfYear('2026-H1')).toEqual({
      period: '2026-H1',
      start: new Date('2026-01-01T00:00:00Z'),
      end: new Date('2026-07-01T00:00:00Z'),
    });
    expect(parseHalfYear('2026-H2')?.end).toEqual(new Date('2027-01-01T00:00:00Z'));
    for (const bad of ['2026-H3', '2026-h1', '2026', 'H1']) expect(parseHalfYear(bad)).toBeNull();
  });

  it('reads dates that exist', () => {
    expect(parseReportDate('2024-02-29')).toEqual(new Date('2024-02-29T00:00:00Z'));
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', 'today'])
      expect(parseReportDate(bad)).toBeNull();
  });
});

describe('report figures', () => {
  it('takes the median of ordered values, the mean of the middle two for an even count', () => {
    expect(medianOfSorted([])).toBeNull();
    expect(medianOfSorted([4])).toBe(4);
    expect(medianOfSorted([0, 3, 7, 10])).toBe(5);
    expect(medianOfSorted([1, 2, 2, 9])).toBe(2);
    expect(medianOfSorted([1, 2])).toBe(1.5);
  });

  it('gives shares to one decimal, none of nothing', () => {
    expect(percentage(1, 3)).toBe(33.3);
    expect(percentage(0, 0)).toBeNull();
  });

  it('bands counts by 250', () => {
    expect(reportingBand(0)).toBe('0–249');
    expect(reportingBand(249)).toBe('0–249');
    expect(reportingBand(250)).toBe('250–499');
    expect(reportingBand(1234)).toBe('1000–1249');
  });

  it('escapes cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx'])
      expect(escapeCsvFormula(cell)).toBe(`'${cell}`);
    expect(escapeCsvFormula('Sam Staff')).toBe('Sam Staff');
  });
});
