import {
  addBusinessDays,
  addDays,
  addMonths,
  compareDates,
  dateInZone,
  endOfDay,
  isWorkingDay,
  nextWorkingDay,
  subtractBusinessDays,
  weekday,
} from './calendar.js';
import type { IsoDate } from './calendar.js';
import { OPT_OUT_SCOPES } from './requests.js';
import type { Jurisdiction, RequestKind } from './requests.js';

type OptOutScopeName = (typeof OPT_OUT_SCOPES)[number];

export interface Period {
  amount: number;
  unit: 'calendar_days' | 'business_days' | 'calendar_months';
}

export interface ClockRule {
  id: string;
  jurisdiction: Jurisdiction;
  /** Kinds the rule covers; absent: every kind of its jurisdiction not matched earlier. */
  kinds?: readonly RequestKind[];
  /**
   * Opt-outs only: the rule covers an opt-out that names one of these scopes. An opt-out whose
   * scopes are not known is taken to name them all (the earliest deadline wins).
   */
  optOutScopes?: readonly OptOutScopeName[];
  /** Where the deadline comes from, as the requester's lawyer would cite it. */
  citation: string;
  respond: Period;
  acknowledge?: { period: Period; citation: string };
  /** At most one extension, with a reason, granted before the original due date passes. */
  extension?: {
    period: Period;
    from: 'receipt' | 'original_due';
    citation: string;
    noticeRequired: boolean;
  };
  /**
   * A period that ends on a Saturday, a Sunday or a public holiday ends at the end of the
   * following working day; the value is the citation of that rule.
   */
  endsOnWorkingDay?: string;
  /** Said in the explanation: why this rule, or that verification never pauses the clock. */
  note?: string;
}

/** Regulation (EEC, Euratom) No 1182/71 on periods, dates and time limits, Art. 3(4). */
export const EU_PERIODS_CITATION = 'Regulation (EEC, Euratom) No 1182/71 Art. 3(4)';

/**
 * The legal clocks, as data. The first rule matching a request's jurisdiction and kind (and,
 * for opt-outs, scopes) applies. Every clock runs from the day the request was received,
 * verified or not.
 */
export const CLOCK_RULES: readonly ClockRule[] = [
  {
    // Listed before the CCPA sharing rule: when both scopes are named, this earlier date governs.
    id: 'ccpa_opt_out_marketing',
    jurisdiction: 'ccpa',
    kinds: ['opt_out'],
    optOutScopes: ['marketing_contact'],
    citation: '15 U.S.C. §7704(a)(4) (CAN-SPAM)',
    respond: { amount: 10, unit: 'business_days' },
    note:
      'an opt-out of marketing contact is not a CCPA right: CAN-SPAM governs marketing email, ' +
      'and its period is shorter than the 15 business days CCPA Regs. §7026(f) give for an ' +
      'opt-out of sharing, so it governs when both are asked for; verification does not pause this clock',
  },
  {
    id: 'ccpa_opt_out',
    jurisdiction: 'ccpa',
    kinds: ['opt_out'],
    optOutScopes: ['partner_sharing'],
    citation: 'CCPA Regs. §7026(f)',
    respond: { amount: 15, unit: 'business_days' },
    note: 'an opt-out of sharing is a CCPA right; verification does not pause this clock',
  },
  {
    id: 'ccpa',
    jurisdiction: 'ccpa',
    citation: 'Cal. Civ. Code §1798.130(a)(2)',
    respond: { amount: 45, unit: 'calendar_days' },
    acknowledge: { period: { amount: 10, unit: 'business_days' }, citation: 'CCPA Regs. §7021(a)' },
    extension: {
      period: { amount: 45, unit: 'calendar_days' },
      from: 'original_due',
      citation: 'Cal. Civ. Code §1798.130(a)(2)',
      noticeRequired: true,
    },
  },
  {
    id: 'can_spam_opt_out',
    jurisdiction: 'can_spam',
    kinds: ['opt_out'],
    citation: '15 U.S.C. §7704(a)(4)',
    respond: { amount: 10, unit: 'business_days' },
  },
  {
    id: 'hipaa_access',
    jurisdiction: 'hipaa',
    kinds: ['access'],
    citation: '45 CFR §164.524(b)(2)(i)',
    respond: { amount: 30, unit: 'calendar_days' },
    extension: {
      period: { amount: 30, unit: 'calendar_days' },
      from: 'original_due',
      citation: '45 CFR §164.524(b)(2)(ii)',
      noticeRequired: true,
    },
  },
  {
    id: 'hipaa_amendment',
    jurisdiction: 'hipaa',
    kinds: ['correction'],
    citation: '45 CFR §164.526(b)(2)(i)',
    respond: { amount: 60, unit: 'calendar_days' },
    extension: {
      period: { amount: 30, unit: 'calendar_days' },
      from: 'original_due',
      citation: '45 CFR §164.526(b)(2)(ii)',
      noticeRequired: true,
    },
  },
  {
    id: 'hipaa_accounting',
    jurisdiction: 'hipaa',
    kinds: ['disclosure_report'],
    citation: '45 CFR §164.528(c)(1)',
    respond: { amount: 60, unit: 'calendar_days' },
    extension: {
      period: { amount: 30, unit: 'calendar_days' },
      from: 'original_due',
      citation: '45 CFR §164.528(c)(1)(ii)',
      noticeRequired: true,
    },
  },
  {
    id: 'hipaa_opt_out',
    jurisdiction: 'hipaa',
    kinds: ['opt_out'],
    citation: 'company policy on the CAN-SPAM period, 15 U.S.C. §7704(a)(4)',
    respond: { amount: 10, unit: 'business_days' },
    note:
      'HIPAA sets no deadline for an opt-out (45 CFR §164.528 is the accounting of disclosures ' +
      'only), so the desk applies the 10 business days CAN-SPAM gives for marketing email, ' +
      'the law that governs most of what a person opts out of, to every scope',
  },
  {
    id: 'hipaa_other',
    jurisdiction: 'hipaa',
    citation: 'company policy (HIPAA sets no deadline for this kind)',
    respond: { amount: 30, unit: 'calendar_days' },
    extension: {
      period: { amount: 30, unit: 'calendar_days' },
      from: 'original_due',
      citation: 'company policy',
      noticeRequired: true,
    },
  },
  {
    id: 'gdpr',
    jurisdiction: 'gdpr',
    citation: 'GDPR Art. 12(3)',
    respond: { amount: 1, unit: 'calendar_months' },
    extension: {
      period: { amount: 2, unit: 'calendar_months' },
      from: 'receipt',
      citation: 'GDPR Art. 12(3)',
      noticeRequired: true,
    },
    endsOnWorkingDay: EU_PERIODS_CITATION,
  },
  {
    id: 'can_spam_other',
    jurisdiction: 'can_spam',
    citation: 'company policy (CAN-SPAM sets a deadline only for opt-outs)',
    respond: { amount: 30, unit: 'calendar_days' },
    extension: {
      period: { amount: 30, unit: 'calendar_days' },
      from: 'original_due',
      citation: 'company policy',
      noticeRequired: true,
    },
  },
  {
    id: 'other',
    jurisdiction: 'other',
    citation: 'company policy',
    respond: { amount: 30, unit: 'calendar_days' },
    extension: {
      period: { amount: 30, unit: 'calendar_days' },
      from: 'original_due',
      citation: 'company policy',
      noticeRequired: true,
    },
  },
];

export interface ClockSettings {
  /** IANA zone in which business dates are counted. */
  timeZone: string;
  /** Public holidays: not business days, and a GDPR period ending on one moves on. */
  holidays: readonly IsoDate[];
  /** "Due soon" when due within this many days. */
  dueSoonDays: number;
  /**
   * The desk aims to finish this many business days before the legal due date (never after
   * it, never before receipt). Absent: DEFAULT_TARGET_MARGIN_BUSINESS_DAYS.
   */
  targetMarginBusinessDays?: number;
}

export const DEFAULT_TARGET_MARGIN_BUSINESS_DAYS = 3;

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = {
  timeZone: 'UTC',
  holidays: [],
  dueSoonDays: 3,
  targetMarginBusinessDays: DEFAULT_TARGET_MARGIN_BUSINESS_DAYS,
};

export interface ClockInput {
  jurisdiction: Jurisdiction;
  kind: RequestKind;
  receivedAt: Date;
  /** When an extension was granted (one at most). */
  extendedAt?: Date | null;
  /** Opt-outs: the scopes asked for (the payload's `scopes`). Absent: all scopes. */
  optOutScopes?: readonly string[] | null;
}

export interface Clock {
  ruleId: string;
  citation: string;
  receivedDate: IsoDate;
  originalDueDate: IsoDate;
  /** The date the law allows (after any extension); the same as `legalDueDate`. */
  dueDate: IsoDate;
  /** The date the law allows, after any extension. */
  legalDueDate: IsoDate;
  /** The date the desk aims for: a margin of business days before the legal due date. */
  targetDate: IsoDate;
  /** The last instant of the due date in the business time zone. */
  dueAt: Date;
  acknowledgeBy?: IsoDate;
  extended: boolean;
  /** An extension exists under the rule and has not been used. */
  extensionAvailable: boolean;
  /** The due date in words, step by step. */
  explanation: string;
}

function knownScopes(optOutScopes: readonly string[] | null | undefined): readonly string[] {
  return optOutScopes && optOutScopes.length > 0 ? optOutScopes : OPT_OUT_SCOPES;
}

export function ruleFor(
  jurisdiction: Jurisdiction,
  kind: RequestKind,
  optOutScopes?: readonly string[] | null,
): ClockRule {
  const scopes = knownScopes(optOutScopes);
  return CLOCK_RULES.find(
    (rule) =>
      rule.jurisdiction === jurisdiction &&
      (!rule.kinds || rule.kinds.includes(kind)) &&
      (!rule.optOutScopes || rule.optOutScopes.some((scope) => scopes.includes(scope))),
  )!;
}

const UNIT_WORDS: Record<Period['unit'], [string, string]> = {
  calendar_days: ['calendar day', 'calendar days'],
  business_days: ['business day', 'business days'],
  calendar_months: ['month', 'months'],
};
const NUMBER_WORDS = ['zero', 'one', 'two', 'three'];
const DAY_NAMES: Record<string, string> = { Sat: 'a Saturday', Sun: 'a Sunday' };

function describePeriod(period: Period): string {
  const [one, many] = UNIT_WORDS[period.unit];
  const amount =
    period.unit === 'calendar_months'
      ? (NUMBER_WORDS[period.amount] ?? String(period.amount))
      : String(period.amount);
  return `${amount} ${period.amount === 1 ? one : many}`;
}

/** Applies a period to a date and says how, e.g. which day did not exist or which holidays were skipped. */
function applyPeriod(
  from: IsoDate,
  period: Period,
  settings: ClockSettings,
): { date: IsoDate; detail: string } {
  switch (period.unit) {
    case 'calendar_days':
      return { date: addDays(from, period.amount), detail: '' };
    case 'calendar_months': {
      const result = addMonths(from, period.amount);
      return {
        date: result.date,
        detail: result.missing ? `; ${result.missing} does not exist` : '',
      };
    }
    case 'business_days': {
      const result = addBusinessDays(from, period.amount, settings.holidays);
      const holidays = result.skippedHolidays.length
        ? ` and the holiday${result.skippedHolidays.length > 1 ? 's' : ''} ${result.skippedHolidays.join(', ')}`
        : '';
      return { date: result.date, detail: `, skipping weekends${holidays}` };
    }
  }
}

/**
 * The end of a period, in words ("so due …"): under a rule with `endsOnWorkingDay`, a period
 * ending on a weekend or public holiday moves to the end of the next working day.
 */
function endOfPeriod(
  rule: ClockRule,
  end: { date: IsoDate; detail: string },
  settings: ClockSettings,
  due: 'due' | 'now due',
): { date: IsoDate; text: string } {
  if (!rule.endsOnWorkingDay || isWorkingDay(end.date, settings.holidays)) {
    return { date: end.date, text: `${end.detail}, so ${due} ${end.date}` };
  }
  const moved = nextWorkingDay(end.date, settings.holidays);
  const what = settings.holidays.includes(end.date)
    ? 'a public holiday'
    : (DAY_NAMES[weekday(end.date)] ?? 'not a working day');
  return {
    date: moved,
    text:
      `${end.detail}, so ${end.date}; that is ${what}, and ${rule.endsOnWorkingDay} ends the ` +
      `period on the next working day, so ${due} ${moved} (${weekday(moved)})`,
  };
}

/** The date the desk aims for: a margin of business days before the legal due date. */
function targetFor(
  receivedDate: IsoDate,
  dueDate: IsoDate,
  settings: ClockSettings,
): { date: IsoDate; text: string } {
  const margin = Math.max(
    0,
    settings.targetMarginBusinessDays ?? DEFAULT_TARGET_MARGIN_BUSINESS_DAYS,
  );
  let date = subtractBusinessDays(dueDate, margin, settings.holidays);
  if (compareDates(date, receivedDate) < 0) date = receivedDate;
  if (compareDates(date, dueDate) > 0) date = dueDate;
  const why =
    margin === 0 || date === dueDate
      ? 'the legal due date itself'
      : date === receivedDate
        ? `the day received (the period is shorter than the desk's margin of ${margin} business days)`
        : `${margin} business day${margin === 1 ? '' : 's'} before the legal due date ${dueDate}`;
  return { date, text: `the desk aims for ${date} (${weekday(date)}), ${why}` };
}

export function computeClock(
  input: ClockInput,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): Clock {
  const rule = ruleFor(input.jurisdiction, input.kind, input.optOutScopes);
  const receivedDate = dateInZone(input.receivedAt, settings.timeZone);
  const respond = endOfPeriod(
    rule,
    applyPeriod(receivedDate, rule.respond, settings),
    settings,
    'due',
  );
  const parts = [
    `received ${receivedDate} (${weekday(receivedDate)})`,
    `${rule.citation} gives ${describePeriod(rule.respond)}${respond.text}`,
  ];
  if (rule.note) parts.push(rule.note);

  let dueDate = respond.date;
  const extended = Boolean(input.extendedAt && rule.extension);
  if (extended && rule.extension) {
    const ext = rule.extension;
    const total: Period =
      ext.from === 'receipt'
        ? { ...ext.period, amount: ext.period.amount + rule.respond.amount }
        : ext.period;
    const base = ext.from === 'receipt' ? receivedDate : respond.date;
    const extendedDue = endOfPeriod(rule, applyPeriod(base, total, settings), settings, 'now due');
    const grantedOn = dateInZone(input.extendedAt!, settings.timeZone);
    parts.push(
      `extended on ${grantedOn} by ${describePeriod(ext.period)} (${ext.citation})${extendedDue.text}`,
    );
    dueDate = extendedDue.date;
  }

  let acknowledgeBy: IsoDate | undefined;
  if (rule.acknowledge) {
    const ack = applyPeriod(receivedDate, rule.acknowledge.period, settings);
    acknowledgeBy = ack.date;
    parts.push(
      `acknowledge by ${ack.date} (${rule.acknowledge.citation}: ${describePeriod(rule.acknowledge.period)})`,
    );
  }

  const target = targetFor(receivedDate, dueDate, settings);
  parts.push(`legal due date ${dueDate}; ${target.text}`);

  return {
    ruleId: rule.id,
    citation: rule.citation,
    receivedDate,
    originalDueDate: respond.date,
    dueDate,
    legalDueDate: dueDate,
    targetDate: target.date,
    dueAt: endOfDay(dueDate, settings.timeZone),
    acknowledgeBy,
    extended,
    extensionAvailable: Boolean(rule.extension) && !extended,
    explanation: parts.join('; '),
  };
}

export type ExtensionVerdict =
  { allowed: true; newDueDate: IsoDate } | { allowed: false; why: string };

/** Whether an extension may be granted now: once, under a rule that has one, before the original due date passes. */
export function checkExtension(
  input: ClockInput,
  now: Date,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): ExtensionVerdict {
  const why = extensionRefusal(input, now, settings);
  if (why !== null) return { allowed: false, why };
  return {
    allowed: true,
    newDueDate: computeClock({ ...input, extendedAt: now }, settings).dueDate,
  };
}

/**
 * Why the deadline may not be extended now, or null when it may: `checkExtension` without
 * the new due date. Pass `clock` (computeClock of the same input and settings) when it is at
 * hand, so that it is not computed again.
 */
export function extensionRefusal(
  input: ClockInput,
  now: Date,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
  clock?: Pick<Clock, 'originalDueDate'>,
): string | null {
  const rule = ruleFor(input.jurisdiction, input.kind, input.optOutScopes);
  if (!rule.extension) return `${rule.citation} allows no extension`;
  if (input.extendedAt) return 'this request has already been extended once';
  const originalDueDate = (clock ?? computeClock(input, settings)).originalDueDate;
  const today = dateInZone(now, settings.timeZone);
  if (compareDates(today, originalDueDate) > 0)
    return `the original due date ${originalDueDate} has passed`;
  return null;
}

export type DeadlineState = 'overdue' | 'due_soon' | 'on_track';

export function deadlineState(
  clock: Pick<Clock, 'dueAt' | 'dueDate'>,
  now: Date,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): DeadlineState {
  if (now.getTime() > clock.dueAt.getTime()) return 'overdue';
  const today = dateInZone(now, settings.timeZone);
  return compareDates(clock.dueDate, addDays(today, settings.dueSoonDays)) <= 0
    ? 'due_soon'
    : 'on_track';
}

// ---- Legal process ------------------------------------------------------------------------

/**
 * Legal process (court orders, subpoenas, …) runs on a rule of its own: the response is due
 * on the date stated on the process itself, not on a period counted from receipt.
 */
export const LEGAL_PROCESS_CLOCK_RULE = {
  id: 'legal_process',
  citation: 'the response date stated on the legal process',
} as const;

export interface LegalProcessClockInput {
  receivedAt: Date;
  /** `YYYY-MM-DD`, as stated on the process. */
  responseDueOn: IsoDate;
}

export interface LegalProcessClock {
  ruleId: string;
  citation: string;
  receivedDate: IsoDate;
  dueDate: IsoDate;
  /** The last instant of the due date in the business time zone. */
  dueAt: Date;
  explanation: string;
}

export function computeLegalProcessClock(
  input: LegalProcessClockInput,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): LegalProcessClock {
  const receivedDate = dateInZone(input.receivedAt, settings.timeZone);
  const dueDate = input.responseDueOn;
  return {
    ruleId: LEGAL_PROCESS_CLOCK_RULE.id,
    citation: LEGAL_PROCESS_CLOCK_RULE.citation,
    receivedDate,
    dueDate,
    dueAt: endOfDay(dueDate, settings.timeZone),
    explanation:
      `received ${receivedDate} (${weekday(receivedDate)}); ` +
      `due ${dueDate} (${weekday(dueDate)}), ${LEGAL_PROCESS_CLOCK_RULE.citation}; ` +
      `due soon within ${settings.dueSoonDays} days of it`,
  };
}

/** The instant a due date stated on the process stands for: the end of that day, desk zone. */
export function legalProcessDueAt(
  responseDueOn: IsoDate,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): Date {
  return endOfDay(responseDueOn, settings.timeZone);
}
