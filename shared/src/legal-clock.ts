import {
  addBusinessDays,
  addDays,
  addMonths,
  compareDates,
  dateInZone,
  endOfDay,
  weekday,
} from './calendar.js';
import type { IsoDate } from './calendar.js';
import type { Jurisdiction, RequestKind } from './requests.js';

export interface Period {
  amount: number;
  unit: 'calendar_days' | 'business_days' | 'calendar_months';
}

export interface ClockRule {
  id: string;
  jurisdiction: Jurisdiction;
  /** Kinds the rule covers; absent: every kind of its jurisdiction not matched earlier. */
  kinds?: readonly RequestKind[];
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
  /** Said in the explanation: verification never pauses these clocks. */
  note?: string;
}

/**
 * The legal clocks, as data. The first rule matching a request's jurisdiction and kind applies.
 * Every clock runs from the day the request was received, verified or not.
 */
export const CLOCK_RULES: readonly ClockRule[] = [
  {
    id: 'ccpa_opt_out',
    jurisdiction: 'ccpa',
    kinds: ['opt_out'],
    citation: 'CCPA Regs. §7026(f)',
    respond: { amount: 15, unit: 'business_days' },
    note: 'verification does not pause this clock',
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
    kinds: ['access', 'correction'],
    citation: '45 CFR §164.524(b)(2)',
    respond: { amount: 30, unit: 'calendar_days' },
    extension: {
      period: { amount: 30, unit: 'calendar_days' },
      from: 'original_due',
      citation: '45 CFR §164.524(b)(2)(ii)',
      noticeRequired: true,
    },
  },
  {
    id: 'hipaa',
    jurisdiction: 'hipaa',
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
  holidays: readonly IsoDate[];
  /** "Due soon" when due within this many days. */
  dueSoonDays: number;
}

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = {
  timeZone: 'UTC',
  holidays: [],
  dueSoonDays: 3,
};

export interface ClockInput {
  jurisdiction: Jurisdiction;
  kind: RequestKind;
  receivedAt: Date;
  /** When an extension was granted (one at most). */
  extendedAt?: Date | null;
}

export interface Clock {
  ruleId: string;
  citation: string;
  receivedDate: IsoDate;
  originalDueDate: IsoDate;
  dueDate: IsoDate;
  /** The last instant of the due date in the business time zone. */
  dueAt: Date;
  acknowledgeBy?: IsoDate;
  extended: boolean;
  /** An extension exists under the rule and has not been used. */
  extensionAvailable: boolean;
  /** The due date in words, step by step. */
  explanation: string;
}

export function ruleFor(jurisdiction: Jurisdiction, kind: RequestKind): ClockRule {
  return CLOCK_RULES.find(
    (rule) => rule.jurisdiction === jurisdiction && (!rule.kinds || rule.kinds.includes(kind)),
  )!;
}

const UNIT_WORDS: Record<Period['unit'], [string, string]> = {
  calendar_days: ['calendar day', 'calendar days'],
  business_days: ['business day', 'business days'],
  calendar_months: ['month', 'months'],
};
const NUMBER_WORDS = ['zero', 'one', 'two', 'three'];

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

export function computeClock(
  input: ClockInput,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): Clock {
  const rule = ruleFor(input.jurisdiction, input.kind);
  const receivedDate = dateInZone(input.receivedAt, settings.timeZone);
  const respond = applyPeriod(receivedDate, rule.respond, settings);
  const parts = [
    `received ${receivedDate} (${weekday(receivedDate)})`,
    `${rule.citation} gives ${describePeriod(rule.respond)}${respond.detail}, so due ${respond.date}`,
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
    const extendedDue = applyPeriod(base, total, settings);
    const grantedOn = dateInZone(input.extendedAt!, settings.timeZone);
    parts.push(
      `extended on ${grantedOn} by ${describePeriod(ext.period)} (${ext.citation})${extendedDue.detail}, so now due ${extendedDue.date}`,
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

  return {
    ruleId: rule.id,
    citation: rule.citation,
    receivedDate,
    originalDueDate: respond.date,
    dueDate,
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
  const rule = ruleFor(input.jurisdiction, input.kind);
  if (!rule.extension) return { allowed: false, why: `${rule.citation} allows no extension` };
  if (input.extendedAt)
    return { allowed: false, why: 'this request has already been extended once' };
  const clock = computeClock(input, settings);
  const today = dateInZone(now, settings.timeZone);
  if (compareDates(today, clock.originalDueDate) > 0) {
    return { allowed: false, why: `the original due date ${clock.originalDueDate} has passed` };
  }
  return {
    allowed: true,
    newDueDate: computeClock({ ...input, extendedAt: now }, settings).dueDate,
  };
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
