import { disclosureReportRows, periodCovers } from './disclosure-report.js';

describe('disclosure report rows', () => {
  const base = {
    recipientType: 'service_provider' as const,
    basis: 'service_delivery' as const,
    dataCategories: ['name' as const, 'email' as const],
  };

  it('puts singles and groups of repeats side by side, oldest first, with labels', () => {
    const rows = disclosureReportRows({
      entries: [
        { ...base, disclosedAt: '2027-02-10', recipientName: 'Parcel Co', purpose: 'Ship' },
        { ...base, disclosedAt: '2027-01-01', recipientName: 'Alpha', purpose: 'Bill' },
      ],
      groups: [
        {
          ...base,
          recipientName: 'Acme Ads',
          purpose: 'Newsletter',
          first: '2027-01-05',
          last: '2027-03-05',
          frequency: 3,
        },
      ],
    });
    expect(rows.map((r) => [r.recipientName, r.first, r.last, r.frequency])).toEqual([
      ['Alpha', '2027-01-01', '2027-01-01', 1],
      ['Acme Ads', '2027-01-05', '2027-03-05', 3],
      ['Parcel Co', '2027-02-10', '2027-02-10', 1],
    ]);
    expect(rows[0]).toMatchObject({
      recipientTypeLabel: 'Service provider',
      dataCategoryLabels: ['Name', 'Email'],
    });
    expect(rows[0]!.basisLabel.length).toBeGreaterThan(0);
  });

  it('a period covers its first and last day, inclusive', () => {
    const period = { periodStart: '2027-01-01', periodEnd: '2027-01-31' };
    expect(periodCovers(period, '2027-01-01')).toBe(true);
    expect(periodCovers(period, '2027-01-31')).toBe(true);
    expect(periodCovers(period, '2026-12-31')).toBe(false);
    expect(periodCovers(period, '2027-02-01')).toBe(false);
  });
});
