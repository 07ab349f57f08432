import {
  addBusinessDays,
  addMonths,
  dateInZone,
  endOfDay,
  nextWorkingDay,
  subtractBusinessDays,
} from './calendar.js';
import {
  checkExtension,
  CLOCK_RULES,
  DEFAULT_CLOCK_SETTINGS,
  computeClock,
  deadlineState,
  ruleFor,
} from './legal-clock.js';
import type { ClockSettings } from './legal-clock.js';
import { JURISDICTIONS, REQUEST_KINDS } from './requests.js';
import type { Jurisdiction, RequestKind } from './requests.js';

const UTC: ClockSettings = { timeZone: 'UTC', holidays: [], dueSoonDays: 3 };
const US_HOLIDAYS: ClockSettings = {
  timeZone: 'America/Los_Angeles',
  holidays: ['2026-11-26', '2026-12-25', '2027-01-01', '2027-01-18', '2027-05-31', '2027-07-05'],
  dueSoonDays: 3,
};

type Case = [string, Jurisdiction, RequestKind, string, string, ClockSettings?, string[]?];

// received (an instant) → due date, per rule.
const CASES: Case[] = [
  // GDPR: one calendar month, clamped to the month's last day; a period ending on a weekend
  // or public holiday ends on the next working day (Regulation 1182/71 Art. 3(4)).
  ['GDPR plain month', 'gdpr', 'access', '2027-01-15T09:00:00Z', '2027-02-15'],
  ['GDPR 31 Jan → 28 Feb (Sun) → 1 Mar', 'gdpr', 'access', '2027-01-31T09:00:00Z', '2027-03-01'],
  [
    'GDPR 30 Jan → 28 Feb (Sun) → 1 Mar',
    'gdpr',
    'correction',
    '2027-01-30T09:00:00Z',
    '2027-03-01',
  ],
  ['GDPR 29 Jan → 28 Feb (not leap, Sun)', 'gdpr', 'opt_out', '2027-01-29T09:00:00Z', '2027-03-01'],
  ['GDPR 31 Jan → 29 Feb (leap year)', 'gdpr', 'access', '2028-01-31T09:00:00Z', '2028-02-29'],
  ['GDPR 29 Feb (leap) → 29 Mar', 'gdpr', 'access', '2028-02-29T09:00:00Z', '2028-03-29'],
  ['GDPR 28 Feb → 28 Mar (Sun)', 'gdpr', 'disclosure_report', '2027-02-28T09:00:00Z', '2027-03-29'],
  ['GDPR 31 Mar → 30 Apr', 'gdpr', 'access', '2027-03-31T09:00:00Z', '2027-04-30'],
  ['GDPR 31 Aug → 30 Sep', 'gdpr', 'access', '2027-08-31T09:00:00Z', '2027-09-30'],
  ['GDPR across the year end (Sun)', 'gdpr', 'access', '2026-12-31T09:00:00Z', '2027-02-01'],
  ['GDPR 30 Nov → 30 Dec', 'gdpr', 'minor_review', '2026-11-30T09:00:00Z', '2026-12-30'],
  ['GDPR 2100 is not a leap year (Sun)', 'gdpr', 'access', '2100-01-31T09:00:00Z', '2100-03-01'],
  ['GDPR 2000 was a leap year', 'gdpr', 'access', '2000-01-31T09:00:00Z', '2000-02-29'],
  // CCPA: 45 calendar days.
  ['CCPA 45 days', 'ccpa', 'access', '2027-01-04T18:00:00Z', '2027-02-18', US_HOLIDAYS],
  [
    'CCPA across a leap February',
    'ccpa',
    'correction',
    '2028-02-01T18:00:00Z',
    '2028-03-17',
    US_HOLIDAYS,
  ],
  [
    'CCPA 45 days ignores holidays',
    'ccpa',
    'disclosure_report',
    '2026-12-20T18:00:00Z',
    '2027-02-03',
    US_HOLIDAYS,
  ],
  [
    'CCPA uses the business time zone',
    'ccpa',
    'access',
    '2027-01-05T05:00:00Z',
    '2027-02-18',
    US_HOLIDAYS,
  ],
  // CCPA opt-out of sharing with partners: 15 business days.
  [
    'CCPA opt-out, plain weeks',
    'ccpa',
    'opt_out',
    '2027-03-01T18:00:00Z',
    '2027-03-22',
    US_HOLIDAYS,
    ['partner_sharing'],
  ],
  [
    'CCPA opt-out over Christmas and New Year',
    'ccpa',
    'opt_out',
    '2026-12-23T18:00:00Z',
    '2027-01-15',
    US_HOLIDAYS,
    ['partner_sharing'],
  ],
  [
    'CCPA opt-out received on a Saturday',
    'ccpa',
    'opt_out',
    '2027-03-06T18:00:00Z',
    '2027-03-26',
    US_HOLIDAYS,
    ['partner_sharing'],
  ],
  [
    'CCPA opt-out received on a Friday',
    'ccpa',
    'opt_out',
    '2027-03-05T18:00:00Z',
    '2027-03-26',
    US_HOLIDAYS,
    ['partner_sharing'],
  ],
  [
    'CCPA opt-out over Memorial Day',
    'ccpa',
    'opt_out',
    '2027-05-20T18:00:00Z',
    '2027-06-11',
    US_HOLIDAYS,
    ['partner_sharing'],
  ],
  [
    'CCPA opt-out over Thanksgiving',
    'ccpa',
    'opt_out',
    '2026-11-20T18:00:00Z',
    '2026-12-14',
    US_HOLIDAYS,
    ['partner_sharing'],
  ],
  [
    'CCPA opt-out, no holidays configured',
    'ccpa',
    'opt_out',
    '2026-12-23T18:00:00Z',
    '2027-01-13',
    UTC,
    ['partner_sharing'],
  ],
  // CAN-SPAM opt-out: 10 business days.
  ['CAN-SPAM opt-out', 'can_spam', 'opt_out', '2027-03-01T12:00:00Z', '2027-03-15'],
  [
    'CAN-SPAM opt-out over a holiday',
    'can_spam',
    'opt_out',
    '2027-01-11T18:00:00Z',
    '2027-01-26',
    US_HOLIDAYS,
  ],
  ['CAN-SPAM opt-out from a Sunday', 'can_spam', 'opt_out', '2027-03-07T12:00:00Z', '2027-03-19'],
  [
    'CAN-SPAM non-opt-out falls back to policy',
    'can_spam',
    'access',
    '2027-03-01T12:00:00Z',
    '2027-03-31',
  ],
  // HIPAA: accounting of disclosures 60 days; access 30 days.
  ['HIPAA accounting 60 days', 'hipaa', 'disclosure_report', '2027-01-10T12:00:00Z', '2027-03-11'],
  [
    'HIPAA accounting over leap February',
    'hipaa',
    'disclosure_report',
    '2028-01-10T12:00:00Z',
    '2028-03-10',
  ],
  ['HIPAA access 30 days', 'hipaa', 'access', '2027-01-10T12:00:00Z', '2027-02-09'],
  ['HIPAA opt-out: 10 business days', 'hipaa', 'opt_out', '2027-01-10T12:00:00Z', '2027-01-22'],
  ['HIPAA amendment 60 days', 'hipaa', 'correction', '2027-01-10T12:00:00Z', '2027-03-11'],
  // Other: company policy of 30 days.
  ['Other 30 days', 'other', 'access', '2027-01-10T12:00:00Z', '2027-02-09'],
  ['Other minor review', 'other', 'minor_review', '2027-12-15T12:00:00Z', '2028-01-14'],
  // Time zones: the receipt date is the business date, not the UTC date.
  [
    'GDPR late evening in Berlin is the next day',
    'gdpr',
    'access',
    '2027-01-30T23:30:00Z',
    '2027-03-01',
    { timeZone: 'Europe/Berlin', holidays: [], dueSoonDays: 3 },
  ],
  [
    'GDPR early morning UTC is the previous day in LA',
    'gdpr',
    'access',
    '2027-03-01T03:00:00Z',
    '2027-03-29',
    US_HOLIDAYS,
  ],
];

describe('legal clock: due dates', () => {
  it('has at least 40 cases across this table and the extension table', () => {
    expect(CASES.length + EXTENSIONS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%s', (_name, jurisdiction, kind, receivedAt, due, settings = UTC, scopes) => {
    expect(
      computeClock(
        { jurisdiction, kind, receivedAt: new Date(receivedAt), optOutScopes: scopes },
        settings,
      ).dueDate,
    ).toBe(due);
  });

  it('has a rule for every jurisdiction and kind', () => {
    for (const jurisdiction of JURISDICTIONS) {
      for (const kind of REQUEST_KINDS) expect(ruleFor(jurisdiction, kind)).toBeDefined();
    }
    expect(new Set(CLOCK_RULES.map((r) => r.id)).size).toBe(CLOCK_RULES.length);
  });
});

type ExtensionCase = [
  string,
  Jurisdiction,
  RequestKind,
  string,
  string,
  string | null,
  ClockSettings?,
];

// received, extension requested at → new due date, or null when refused.
const EXTENSIONS: ExtensionCase[] = [
  [
    'GDPR extended before the due date: three months from receipt',
    'gdpr',
    'access',
    '2027-01-31T09:00:00Z',
    '2027-02-20T09:00:00Z',
    '2027-04-30',
  ],
  [
    'GDPR extended on the due date itself',
    'gdpr',
    'access',
    '2027-01-15T09:00:00Z',
    '2027-02-15T20:00:00Z',
    '2027-04-15',
  ],
  [
    'GDPR extension refused after the due date',
    'gdpr',
    'access',
    '2027-01-15T09:00:00Z',
    '2027-02-16T00:30:00Z',
    null,
  ],
  [
    'GDPR extension in a leap year',
    'gdpr',
    'access',
    '2027-11-30T09:00:00Z',
    '2027-12-01T09:00:00Z',
    '2028-02-29',
  ],
  [
    'CCPA extension adds 45 days to the original due',
    'ccpa',
    'access',
    '2027-01-04T18:00:00Z',
    '2027-02-01T18:00:00Z',
    '2027-04-04',
    US_HOLIDAYS,
  ],
  [
    'CCPA extension refused after the due date',
    'ccpa',
    'access',
    '2027-01-04T18:00:00Z',
    '2027-02-20T18:00:00Z',
    null,
    US_HOLIDAYS,
  ],
  [
    'CCPA opt-out cannot be extended',
    'ccpa',
    'opt_out',
    '2027-03-01T18:00:00Z',
    '2027-03-02T18:00:00Z',
    null,
    US_HOLIDAYS,
  ],
  [
    'CAN-SPAM opt-out cannot be extended',
    'can_spam',
    'opt_out',
    '2027-03-01T12:00:00Z',
    '2027-03-02T12:00:00Z',
    null,
  ],
  [
    'HIPAA accounting extended by 30 days',
    'hipaa',
    'disclosure_report',
    '2027-01-10T12:00:00Z',
    '2027-03-01T12:00:00Z',
    '2027-04-10',
  ],
  [
    'HIPAA accounting extension refused after the due date',
    'hipaa',
    'disclosure_report',
    '2027-01-10T12:00:00Z',
    '2027-03-12T12:00:00Z',
    null,
  ],
  [
    'HIPAA access extended by 30 days',
    'hipaa',
    'access',
    '2027-01-10T12:00:00Z',
    '2027-02-01T12:00:00Z',
    '2027-03-11',
  ],
  [
    'Other extended by 30 days',
    'other',
    'correction',
    '2027-01-10T12:00:00Z',
    '2027-01-11T12:00:00Z',
    '2027-03-11',
  ],
];

describe('legal clock: extensions', () => {
  it.each(EXTENSIONS)(
    '%s',
    (_name, jurisdiction, kind, receivedAt, at, expected, settings = UTC) => {
      const input = { jurisdiction, kind, receivedAt: new Date(receivedAt) };
      const verdict = checkExtension(input, new Date(at), settings);
      if (expected === null) {
        expect(verdict.allowed).toBe(false);
      } else {
        expect(verdict).toEqual({ allowed: true, newDueDate: expected });
        const extended = computeClock({ ...input, extendedAt: new Date(at) }, settings);
        expect(extended.dueDate).toBe(expected);
        expect(extended.originalDueDate).toBe(computeClock(input, settings).dueDate);
        expect(extended.extensionAvailable).toBe(false);
      }
    },
  );

  it('allows one extension only', () => {
    const input = {
      jurisdiction: 'gdpr' as const,
      kind: 'access' as const,
      receivedAt: new Date('2027-01-15T09:00:00Z'),
    };
    const once = { ...input, extendedAt: new Date('2027-01-20T09:00:00Z') };
    expect(checkExtension(once, new Date('2027-01-21T09:00:00Z'))).toEqual({
      allowed: false,
      why: 'this request has already been extended once',
    });
  });
});

describe('legal clock: explanations and deadline state', () => {
  it('explains a due date that falls on a day that does not exist', () => {
    const clock = computeClock({
      jurisdiction: 'gdpr',
      kind: 'access',
      receivedAt: new Date('2027-01-31T10:00:00Z'),
    });
    expect(clock.explanation).toBe(
      'received 2027-01-31 (Sun); GDPR Art. 12(3) gives one month; 2027-02-31 does not exist, ' +
        'so 2027-02-28; that is a Sunday, and Regulation (EEC, Euratom) No 1182/71 Art. 3(4) ends ' +
        'the period on the next working day, so due 2027-03-01 (Mon); legal due date 2027-03-01; ' +
        'the desk aims for 2027-02-24 (Wed), 3 business days before the legal due date 2027-03-01',
    );
  });

  it('names the skipped holidays and says verification does not pause an opt-out', () => {
    const clock = computeClock(
      { jurisdiction: 'ccpa', kind: 'opt_out', receivedAt: new Date('2026-12-23T18:00:00Z') },
      US_HOLIDAYS,
    );
    expect(clock.explanation).toContain(
      'skipping weekends and the holidays 2026-12-25, 2027-01-01',
    );
    expect(clock.explanation).toContain('verification does not pause this clock');
  });

  it('gives CCPA requests an acknowledgement date ten business days out', () => {
    const clock = computeClock(
      { jurisdiction: 'ccpa', kind: 'access', receivedAt: new Date('2026-12-23T18:00:00Z') },
      US_HOLIDAYS,
    );
    expect(clock.acknowledgeBy).toBe('2027-01-08');
    expect(clock.explanation).toContain('acknowledge by 2027-01-08');
  });

  it('ends the due date at local midnight in the business time zone, DST included', () => {
    expect(endOfDay('2027-03-23', 'America/Los_Angeles').toISOString()).toBe(
      '2027-03-24T06:59:59.999Z',
    );
    expect(endOfDay('2027-01-15', 'America/Los_Angeles').toISOString()).toBe(
      '2027-01-16T07:59:59.999Z',
    );
    expect(endOfDay('2027-02-28', 'UTC').toISOString()).toBe('2027-02-28T23:59:59.999Z');
  });

  it('computes overdue and due soon from the rules, not from stored flags', () => {
    const clock = computeClock({
      jurisdiction: 'gdpr',
      kind: 'access',
      receivedAt: new Date('2027-01-15T09:00:00Z'),
    });
    expect(deadlineState(clock, new Date('2027-02-01T00:00:00Z'))).toBe('on_track');
    expect(deadlineState(clock, new Date('2027-02-12T00:00:00Z'))).toBe('due_soon');
    expect(deadlineState(clock, new Date('2027-02-15T23:59:59Z'))).toBe('due_soon');
    expect(deadlineState(clock, new Date('2027-02-16T00:00:00Z'))).toBe('overdue');
  });
});

const EU_HOLIDAYS: ClockSettings = {
  timeZone: 'Europe/Berlin',
  // Good Friday, Easter Monday, Christmas Day and the day after, New Year's Day.
  holidays: ['2027-03-26', '2027-03-29', '2026-12-25', '2026-12-26', '2027-01-01'],
  dueSoonDays: 3,
};

describe('legal clock: the rule for each kind', () => {
  const at = new Date('2027-01-10T12:00:00Z');

  it('GDPR: a period ending on a Saturday ends on the Monday after (Regulation 1182/71 Art. 3(4))', () => {
    // 6 Feb + one month = Sat 6 Mar 2027.
    const clock = computeClock(
      { jurisdiction: 'gdpr', kind: 'access', receivedAt: new Date('2027-02-06T10:00:00Z') },
      EU_HOLIDAYS,
    );
    expect(clock.dueDate).toBe('2027-03-08');
    expect(clock.legalDueDate).toBe('2027-03-08');
    expect(clock.explanation).toContain(
      'so 2027-03-06; that is a Saturday, and Regulation (EEC, Euratom) No 1182/71 Art. 3(4) ends the period on the next working day, so due 2027-03-08 (Mon)',
    );
  });

  it('GDPR: a period ending on a public holiday ends on the next working day, over a weekend and a second holiday', () => {
    // 26 Feb + one month = Good Friday 26 Mar 2027; Sat, Sun, Easter Monday follow.
    const clock = computeClock(
      { jurisdiction: 'gdpr', kind: 'correction', receivedAt: new Date('2027-02-26T10:00:00Z') },
      EU_HOLIDAYS,
    );
    expect(clock.dueDate).toBe('2027-03-30');
    expect(clock.explanation).toContain('that is a public holiday');
    // Without the holidays configured, Friday 26 March is a working day.
    expect(
      computeClock(
        { jurisdiction: 'gdpr', kind: 'correction', receivedAt: new Date('2027-02-26T10:00:00Z') },
        UTC,
      ).dueDate,
    ).toBe('2027-03-26');
  });

  it('GDPR: a holiday on a weekday that is the last day moves it by one day', () => {
    // 25 Nov 2026 + one month = Fri 25 Dec 2026 (holiday), then the weekend: Mon 28 Dec.
    const clock = computeClock(
      { jurisdiction: 'gdpr', kind: 'access', receivedAt: new Date('2026-11-25T10:00:00Z') },
      EU_HOLIDAYS,
    );
    expect(clock.dueDate).toBe('2026-12-28');
  });

  it('GDPR: an extended period ending on a weekend moves too', () => {
    // 8 Feb + three months = Sat 8 May 2027.
    const input = {
      jurisdiction: 'gdpr' as const,
      kind: 'access' as const,
      receivedAt: new Date('2027-02-08T10:00:00Z'),
    };
    const clock = computeClock({ ...input, extendedAt: new Date('2027-02-20T10:00:00Z') }, UTC);
    expect(clock.originalDueDate).toBe('2027-03-08');
    expect(clock.dueDate).toBe('2027-05-10');
    expect(clock.explanation).toContain('so now due 2027-05-10 (Mon)');
  });

  it('other laws do not move a period that ends on a weekend', () => {
    // CCPA: 45 calendar days from Thu 14 Jan 2027 is Sun 28 Feb 2027.
    expect(
      computeClock(
        { jurisdiction: 'ccpa', kind: 'access', receivedAt: new Date('2027-01-14T18:00:00Z') },
        US_HOLIDAYS,
      ).dueDate,
    ).toBe('2027-02-28');
  });

  it('HIPAA amendment is 45 CFR §164.526: 60 days, one 30-day extension with written notice', () => {
    const input = { jurisdiction: 'hipaa' as const, kind: 'correction' as const, receivedAt: at };
    const clock = computeClock(input, UTC);
    expect(clock.ruleId).toBe('hipaa_amendment');
    expect(clock.citation).toBe('45 CFR §164.526(b)(2)(i)');
    expect(clock.dueDate).toBe('2027-03-11');
    expect(clock.explanation).not.toContain('164.524');
    const rule = ruleFor('hipaa', 'correction');
    expect(rule.extension).toMatchObject({
      citation: '45 CFR §164.526(b)(2)(ii)',
      noticeRequired: true,
      period: { amount: 30, unit: 'calendar_days' },
    });
    expect(checkExtension(input, new Date('2027-03-01T12:00:00Z'), UTC)).toEqual({
      allowed: true,
      newDueDate: '2027-04-10',
    });
    const extended = computeClock({ ...input, extendedAt: new Date('2027-03-01T12:00:00Z') }, UTC);
    expect(checkExtension({ ...input, extendedAt: extended.dueAt }, new Date(), UTC)).toMatchObject(
      { allowed: false },
    );
  });

  it('HIPAA access stays 45 CFR §164.524: 30 days and 30 more', () => {
    const clock = computeClock({ jurisdiction: 'hipaa', kind: 'access', receivedAt: at }, UTC);
    expect(clock.citation).toBe('45 CFR §164.524(b)(2)(i)');
    expect(clock.dueDate).toBe('2027-02-09');
    expect(ruleFor('hipaa', 'access').extension?.citation).toBe('45 CFR §164.524(b)(2)(ii)');
  });

  it('HIPAA §164.528 covers the accounting of disclosures only', () => {
    for (const kind of REQUEST_KINDS) {
      const rule = ruleFor('hipaa', kind);
      const cites528 = `${rule.citation} ${rule.extension?.citation ?? ''}`.includes('164.528');
      expect([kind, cites528]).toEqual([kind, kind === 'disclosure_report']);
    }
  });

  it('a HIPAA opt-out does not cite §164.528, and says which period it uses and why', () => {
    for (const scopes of [['marketing_contact'], ['partner_sharing'], undefined]) {
      const clock = computeClock(
        { jurisdiction: 'hipaa', kind: 'opt_out', receivedAt: at, optOutScopes: scopes },
        UTC,
      );
      expect(clock.ruleId).toBe('hipaa_opt_out');
      expect(clock.citation).not.toContain('164.528');
      expect(clock.citation).toContain('15 U.S.C. §7704(a)(4)');
      expect(clock.dueDate).toBe('2027-01-22');
      expect(clock.explanation).toContain('HIPAA sets no deadline for an opt-out');
      expect(clock.extensionAvailable).toBe(false);
    }
  });

  it('CCPA: a marketing-contact opt-out runs on CAN-SPAM, an opt-out of sharing on CCPA Regs. §7026(f)', () => {
    const receivedAt = new Date('2027-03-01T18:00:00Z');
    const clockFor = (optOutScopes?: string[]) =>
      computeClock(
        { jurisdiction: 'ccpa', kind: 'opt_out', receivedAt, optOutScopes },
        US_HOLIDAYS,
      );
    const marketing = clockFor(['marketing_contact']);
    expect(marketing.citation).toBe('15 U.S.C. §7704(a)(4) (CAN-SPAM)');
    expect(marketing.dueDate).toBe('2027-03-15');
    expect(marketing.explanation).toContain('an opt-out of marketing contact is not a CCPA right');

    const sharing = clockFor(['partner_sharing']);
    expect(sharing.citation).toBe('CCPA Regs. §7026(f)');
    expect(sharing.dueDate).toBe('2027-03-22');

    // Both: the earlier (CAN-SPAM) date governs the whole request.
    expect(clockFor(['partner_sharing', 'marketing_contact']).dueDate).toBe('2027-03-15');
    // Scopes unknown (an older caller): the earliest date, never a later one.
    expect(clockFor(undefined).dueDate).toBe('2027-03-15');
    expect(clockFor([]).dueDate).toBe('2027-03-15');
    // Scopes do not change the rule of other kinds.
    expect(
      computeClock(
        {
          jurisdiction: 'ccpa',
          kind: 'access',
          receivedAt,
          optOutScopes: ['marketing_contact'],
        },
        US_HOLIDAYS,
      ).ruleId,
    ).toBe('ccpa');
  });
});

describe('legal clock: legal due date and the desk’s target', () => {
  const input = {
    jurisdiction: 'ccpa' as const,
    kind: 'access' as const,
    receivedAt: new Date('2027-01-04T18:00:00Z'),
  };

  it('aims a few business days before the legal due date, and says both', () => {
    const clock = computeClock(input, US_HOLIDAYS);
    expect(clock.legalDueDate).toBe('2027-02-18');
    expect(clock.dueDate).toBe(clock.legalDueDate);
    expect(clock.targetDate).toBe('2027-02-15');
    expect(clock.explanation).toContain(
      'legal due date 2027-02-18; the desk aims for 2027-02-15 (Mon), 3 business days before the legal due date 2027-02-18',
    );
  });

  it('takes its margin from the settings, skipping weekends and holidays', () => {
    const clock = computeClock(input, { ...US_HOLIDAYS, targetMarginBusinessDays: 5 });
    expect(clock.targetDate).toBe('2027-02-11');
    // Over a holiday: GDPR access received 2026-11-30, due 2026-12-30; 5 back skips 25 Dec.
    const gdpr = computeClock(
      { jurisdiction: 'gdpr', kind: 'access', receivedAt: new Date('2026-11-30T10:00:00Z') },
      { ...EU_HOLIDAYS, targetMarginBusinessDays: 5 },
    );
    expect(gdpr.dueDate).toBe('2026-12-30');
    expect(gdpr.targetDate).toBe('2026-12-22');
  });

  it('is never after the legal date, nor before receipt', () => {
    for (const targetMarginBusinessDays of [0, 1, 3, 10, 40]) {
      for (const kind of REQUEST_KINDS) {
        for (const jurisdiction of JURISDICTIONS) {
          const clock = computeClock(
            { jurisdiction, kind, receivedAt: new Date('2027-03-05T12:00:00Z') },
            { ...US_HOLIDAYS, targetMarginBusinessDays },
          );
          expect(clock.targetDate <= clock.legalDueDate).toBe(true);
          expect(clock.targetDate >= clock.receivedDate).toBe(true);
        }
      }
    }
    const none = computeClock(input, { ...US_HOLIDAYS, targetMarginBusinessDays: 0 });
    expect(none.targetDate).toBe(none.legalDueDate);
    expect(none.explanation).toContain(
      'the desk aims for 2027-02-18 (Thu), the legal due date itself',
    );
    const huge = computeClock(input, { ...US_HOLIDAYS, targetMarginBusinessDays: 40 });
    expect(huge.targetDate).toBe('2027-01-04');
    expect(huge.explanation).toContain('the day received');
  });

  it('follows the extended due date', () => {
    const clock = computeClock(
      { ...input, extendedAt: new Date('2027-02-01T18:00:00Z') },
      US_HOLIDAYS,
    );
    expect(clock.legalDueDate).toBe('2027-04-04');
    expect(clock.targetDate).toBe('2027-03-31');
  });

  it('defaults to three business days when the settings do not say', () => {
    const { targetMarginBusinessDays: _omit, ...settings } = DEFAULT_CLOCK_SETTINGS;
    expect(computeClock(input, settings).targetDate).toBe('2027-02-15');
  });
});

describe('calendar', () => {
  it('finds the next working day and counts business days back', () => {
    expect(nextWorkingDay('2027-03-06', [])).toBe('2027-03-08');
    expect(nextWorkingDay('2027-03-08', [])).toBe('2027-03-08');
    expect(nextWorkingDay('2027-03-26', ['2027-03-26', '2027-03-29'])).toBe('2027-03-30');
    expect(subtractBusinessDays('2027-03-08', 1, [])).toBe('2027-03-05');
    expect(subtractBusinessDays('2027-03-30', 2, ['2027-03-26', '2027-03-29'])).toBe('2027-03-24');
    expect(subtractBusinessDays('2027-03-30', 0, [])).toBe('2027-03-30');
  });

  it('adds months with the month-end rule', () => {
    expect(addMonths('2027-01-31', 1)).toEqual({ date: '2027-02-28', missing: '2027-02-31' });
    expect(addMonths('2027-12-15', 1)).toEqual({ date: '2028-01-15' });
    expect(addMonths('2027-11-30', 3)).toEqual({ date: '2028-02-29', missing: '2028-02-30' });
  });

  it('counts business days from the day after receipt', () => {
    expect(addBusinessDays('2027-03-05', 1, []).date).toBe('2027-03-08');
    expect(addBusinessDays('2027-03-01', 5, ['2027-03-03'])).toEqual({
      date: '2027-03-09',
      skippedHolidays: ['2027-03-03'],
    });
  });

  it('reads the date of an instant in a zone', () => {
    expect(dateInZone(new Date('2027-01-01T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-12-31');
    expect(dateInZone(new Date('2027-01-01T08:00:00Z'), 'America/Los_Angeles')).toBe('2027-01-01');
  });
});
