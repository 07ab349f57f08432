import {
  formatRange,
  formatRate,
  monthLabel,
  requestsListPath,
  weekLabel,
} from './presentation.js';

describe('dashboard presentation', () => {
  it('says a snapshot is "as of" its moment, in the desk time zone', () => {
    const at = '2027-06-16T12:00:00.000Z';
    expect(formatRange({ from: at, to: at }, 'UTC')).toBe('as of 16 Jun 2027, 12:00');
    expect(formatRange({ from: at, to: at }, 'Europe/Berlin')).toBe('as of 16 Jun 2027, 14:00');
  });

  it('gives a span its first and last day (the end is exclusive)', () => {
    expect(
      formatRange({ from: '2027-04-01T00:00:00.000Z', to: '2027-05-01T00:00:00.000Z' }, 'UTC'),
    ).toBe('1 Apr 2027 – 30 Apr 2027');
    expect(
      formatRange({ from: '2027-06-16T00:00:00.000Z', to: '2027-06-16T12:00:00.000Z' }, 'UTC'),
    ).toBe('16 Jun 2027');
  });

  it('formats rates, links and labels', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.666)).toBe('67%');
    expect(requestsListPath({ view: 'overdue' })).toBe(
      '/requests?filter=%7B%22view%22%3A%22overdue%22%7D',
    );
    expect(weekLabel('2027-04-05')).toBe('5 Apr');
    expect(monthLabel('2027-04')).toBe('Apr 2027');
  });
});
