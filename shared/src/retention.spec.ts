import {
  addRetentionCounts,
  DEFAULT_RETENTION,
  describeRetentionCounts,
  emptyRetentionCounts,
  explainRetention,
  RETENTION_RULES,
  retainedPayload,
  retentionConfigProblems,
  retentionCutoffs,
  subtractMonths,
} from './retention.js';

describe('retention periods', () => {
  it('defaults to the periods the law requires, each with its citation', () => {
    expect(DEFAULT_RETENTION).toEqual({ requestMonths: 24, disclosureYears: 6 });
    expect(RETENTION_RULES.closed_requests.citation).toContain('§7101');
    expect(RETENTION_RULES.disclosure_log.citation).toContain('§164.528');
  });

  it('gives the cutoffs for a moment: 24 months and 6 years back, to the millisecond', () => {
    const now = new Date('2026-11-30T04:26:13.500Z');
    const cutoffs = retentionCutoffs(now, DEFAULT_RETENTION);
    expect(cutoffs.requestsClosedBefore.toISOString()).toBe('2024-11-30T04:26:13.500Z');
    expect(cutoffs.disclosuresBefore.toISOString()).toBe('2020-11-30T04:26:13.500Z');
    const longer = retentionCutoffs(now, { requestMonths: 30, disclosureYears: 10 });
    expect(longer.requestsClosedBefore.toISOString()).toBe('2024-05-30T04:26:13.500Z');
    expect(longer.disclosuresBefore.toISOString()).toBe('2016-11-30T04:26:13.500Z');
  });

  it('takes a day the earlier month lacks as its last day, across leap years', () => {
    expect(subtractMonths(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    );
    expect(subtractMonths(new Date('2026-02-28T00:00:00Z'), 24).toISOString()).toBe(
      '2024-02-28T00:00:00.000Z',
    );
    expect(subtractMonths(new Date('2028-02-29T12:00:00Z'), 72).toISOString()).toBe(
      '2022-02-28T12:00:00.000Z',
    );
    expect(subtractMonths(new Date('2026-01-15T00:00:00Z'), 13).toISOString()).toBe(
      '2024-12-15T00:00:00.000Z',
    );
  });

  it('refuses periods shorter than the law requires, naming the setting', () => {
    expect(retentionConfigProblems(DEFAULT_RETENTION)).toEqual({});
    expect(retentionConfigProblems({ requestMonths: 36, disclosureYears: 7 })).toEqual({});
    const problems = retentionConfigProblems({ requestMonths: 23, disclosureYears: 5 });
    expect(Object.keys(problems).sort()).toEqual([
      'RETENTION_DISCLOSURE_YEARS',
      'RETENTION_REQUEST_MONTHS',
    ]);
    expect(problems.RETENTION_REQUEST_MONTHS).toContain('at least 24');
    expect(retentionConfigProblems({ requestMonths: 24.5, disclosureYears: 6 })).toHaveProperty(
      'RETENTION_REQUEST_MONTHS',
    );
  });

  it('explains each period in words with its cutoff', () => {
    const [requests, disclosures] = explainRetention(new Date('2026-11-30T00:00:00Z'), {
      requestMonths: 36,
      disclosureYears: 6,
    });
    expect(requests).toMatchObject({
      id: 'closed_requests',
      amount: 36,
      unit: 'months',
      cutoff: '2023-11-30T00:00:00.000Z',
    });
    expect(requests!.explanation).toContain('kept 36 months (configured; the law requires 24)');
    expect(requests!.explanation).toContain('before 2023-11-30');
    expect(disclosures!.explanation).toContain('kept 6 years (the minimum)');
    expect(disclosures!.explanation).toContain('45 CFR §164.528');
  });

  it('keeps of a purged request’s details only what its kind marks as no personal data', () => {
    expect(
      retainedPayload(
        'opt_out',
        JSON.stringify({ channels: ['email'], scopes: ['partner_sharing'], note: 'call Ann' }),
      ),
    ).toBe('{"channels":["email"],"scopes":["partner_sharing"]}');
    expect(
      retainedPayload(
        'correction',
        JSON.stringify({ corrections: [{ field: 'name', requestedValue: 'Ann Lee' }] }),
      ),
    ).toBe('{}');
    expect(retainedPayload('access', '{"format":"pdf","extra":"Ann"}')).toBe('{"format":"pdf"}');
    expect(retainedPayload('access', 'not json')).toBe('{}');
    expect(retainedPayload('access', '["pdf"]')).toBe('{}');
  });

  it('adds and describes counts per table', () => {
    const sum = addRetentionCounts(
      addRetentionCounts(emptyRetentionCounts(), { privacy_requests: 2, subjects: 1 }),
      { privacy_requests: 1 },
    );
    expect(sum.privacy_requests).toBe(3);
    expect(describeRetentionCounts(sum)).toMatch(
      /^privacy_requests=3, request_events=0, .*subjects=1/,
    );
  });
});
