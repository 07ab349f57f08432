import { Injectable } from '@nestjs/common';
import {
  addDays,
  addMonths,
  DATA_CATEGORY_LABELS,
  DISCLOSURE_BASIS_LABELS,
  isIsoDate,
  RECIPIENT_TYPE_LABELS,
  REVIEW_STATUS_LABELS,
} from '@privacy-desk/shared';
import type {
  AccountingEntryDto,
  AccountingGroupDto,
  DataCategory,
  SubjectAccountingDto,
} from '@privacy-desk/shared';
import { stringify } from 'csv-stringify/sync';
import { notFound, validationError } from '../common/errors/domain-errors.js';
import { DeskCalendar } from './desk-calendar.js';
import { DisclosureLookups } from './disclosure-lookups.repository.js';
import type { AccountingQueryDto } from './disclosure.dto.js';
import { DisclosureRepository } from './disclosure.repository.js';
import { gagInForce } from './disclosures.service.js';
import { PERIOD_END_BEFORE_START } from '../common/errors/messages.js';

/** HIPAA §164.528(a): an accounting covers up to six years before the request. */
const DEFAULT_YEARS = 6;

/**
 * A subject's accounting of disclosures. The staff view lists every disclosure with its review
 * status and marks those under a gag order in force. The subject's view (the one the person
 * receives, and the next issue's disclosure report) holds only approved disclosures not under a
 * gag order in force, with no reference numbers, counts or totals that would betray the others,
 * and groups repeated disclosures to one recipient for one purpose (HIPAA §164.528(b)(3)).
 */
@Injectable()
export class AccountingService {
  constructor(
    private readonly disclosures: DisclosureRepository,
    private readonly lookups: DisclosureLookups,
    private readonly calendar: DeskCalendar,
  ) {}

  async accounting(subjectId: string, query: AccountingQueryDto): Promise<SubjectAccountingDto> {
    const subject = await this.lookups.subject(subjectId);
    if (!subject) throw notFound('Subject');
    const today = this.calendar.today();
    const periodEnd = query.periodEnd ?? today;
    const periodStart = query.periodStart ?? addMonths(today, -12 * DEFAULT_YEARS).date;
    if (!isIsoDate(periodStart)) throw validationError({ periodStart: 'is not a real date' });
    if (!isIsoDate(periodEnd)) throw validationError({ periodEnd: 'is not a real date' });
    if (periodStart > periodEnd) throw validationError({ periodEnd: PERIOD_END_BEFORE_START });
    const view = query.view ?? 'staff';

    const rows = await this.disclosures.findForSubject(
      subjectId,
      this.calendar.startOf(periodStart),
      this.calendar.startOf(addDays(periodEnd, 1)),
    );
    const lps = new Map(
      (
        await this.lookups.legalProcesses(
          rows.map((d) => d.legalProcessId).filter((x): x is string => !!x),
        )
      ).map((lp) => [lp.id, lp]),
    );
    const all = rows.map((d) => {
      const lp = d.legalProcessId ? lps.get(d.legalProcessId) : undefined;
      return { d, lp, gagged: lp ? gagInForce(lp, today) : false };
    });

    let entries: AccountingEntryDto[];
    if (view === 'staff') {
      entries = all.map(({ d, lp, gagged }) => ({
        reference: d.reference,
        disclosedAt: this.calendar.dateOf(d.disclosedAt),
        recipientName: d.recipientName,
        recipientType: d.recipientType,
        basis: d.basis,
        purpose: d.purpose,
        dataCategories: d.dataCategories,
        gagged,
        reviewStatus: d.reviewStatus,
        legalProcess: lp ? { id: lp.id, reference: lp.reference } : null,
      }));
    } else {
      // The log of record only (approved), and nothing under a gag order in force: left out
      // entirely, with no reference numbers that would show a gap.
      // A record corrected by an approved amendment is replaced by it, not counted twice.
      const superseded = await this.disclosures.supersededAmong(rows.map((d) => d.id));
      entries = all
        .filter(
          ({ d, gagged }) => d.reviewStatus === 'approved' && !gagged && !superseded.has(d.id),
        )
        .map(({ d }) => ({
          disclosedAt: this.calendar.dateOf(d.disclosedAt),
          recipientName: d.recipientName,
          recipientType: d.recipientType,
          basis: d.basis,
          purpose: d.purpose,
          dataCategories: d.dataCategories,
        }));
    }
    const { singles, groups } = groupRepeated(entries);
    const explanation =
      `Disclosures of this subject's data from ${periodStart} to ${periodEnd}` +
      (query.periodStart
        ? '.'
        : ` (by default the six years before today, as HIPAA §164.528(a) allows).`) +
      ' Repeated disclosures to one recipient for one purpose are grouped as first, last and frequency (HIPAA §164.528(b)(3)).' +
      (view === 'staff'
        ? ' Staff view: every disclosure with its review status; entries under a gag order in force are marked and must not be shown to the subject.'
        : '');
    return {
      subject: { id: subject.id, name: subject.name, email: subject.email },
      view,
      periodStart,
      periodEnd,
      entries: view === 'subject' ? singles : entries,
      groups,
      explanation,
    };
  }

  /** The same accounting as CSV: one row per entry (staff) or per recipient and purpose (subject). */
  toCsv(accounting: SubjectAccountingDto): string {
    const categories = (list: DataCategory[]) =>
      list.map((c) => DATA_CATEGORY_LABELS[c]).join('; ');
    if (accounting.view === 'staff') {
      return stringify(
        safeRows(
          accounting.entries.map((e) => ({
            reference: e.reference,
            disclosedOn: e.disclosedAt,
            recipient: e.recipientName,
            recipientType: RECIPIENT_TYPE_LABELS[e.recipientType],
            basis: DISCLOSURE_BASIS_LABELS[e.basis],
            purpose: e.purpose,
            dataCategories: categories(e.dataCategories),
            reviewStatus: e.reviewStatus ? REVIEW_STATUS_LABELS[e.reviewStatus] : '',
            gagOrderInForce: e.gagged ? 'yes' : 'no',
            legalProcess: e.legalProcess?.reference ?? '',
          })),
        ),
        { header: true, columns: STAFF_COLUMNS },
      );
    }
    const rows = [
      ...accounting.entries.map((e) => ({
        first: e.disclosedAt,
        last: e.disclosedAt,
        frequency: 1,
        recipient: e.recipientName,
        recipientType: e.recipientType,
        basis: e.basis,
        purpose: e.purpose,
        dataCategories: e.dataCategories,
      })),
      ...accounting.groups.map((g) => ({ ...g, recipient: g.recipientName })),
    ].sort((a, b) => a.first.localeCompare(b.first));
    return stringify(
      safeRows(
        rows.map((r) => ({
          first: r.first,
          last: r.last,
          frequency: r.frequency,
          recipient: r.recipient,
          recipientType: RECIPIENT_TYPE_LABELS[r.recipientType],
          basis: DISCLOSURE_BASIS_LABELS[r.basis],
          purpose: r.purpose,
          dataCategories: categories(r.dataCategories),
        })),
      ),
      { header: true, columns: SUBJECT_COLUMNS },
    );
  }
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at the
 * start) is prefixed with an apostrophe, so opening the file never executes recorded text.
 */
function safeCell(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function safeRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, safeCell(value)])),
  );
}

const STAFF_COLUMNS = [
  { key: 'reference', header: 'Reference' },
  { key: 'disclosedOn', header: 'Disclosed on' },
  { key: 'recipient', header: 'Recipient' },
  { key: 'recipientType', header: 'Recipient type' },
  { key: 'basis', header: 'Basis' },
  { key: 'purpose', header: 'Purpose' },
  { key: 'dataCategories', header: 'Data disclosed' },
  { key: 'reviewStatus', header: 'Review' },
  { key: 'gagOrderInForce', header: 'Gag order in force' },
  { key: 'legalProcess', header: 'Legal process' },
];

const SUBJECT_COLUMNS = [
  { key: 'first', header: 'Disclosed on (first)' },
  { key: 'last', header: 'Disclosed on (last)' },
  { key: 'frequency', header: 'Number of disclosures' },
  { key: 'recipient', header: 'Recipient' },
  { key: 'recipientType', header: 'Recipient type' },
  { key: 'basis', header: 'Basis' },
  { key: 'purpose', header: 'Purpose' },
  { key: 'dataCategories', header: 'Data disclosed' },
];

/** Splits entries into those disclosed once and groups of repeats (same recipient, purpose). */
export function groupRepeated(entries: AccountingEntryDto[]): {
  singles: AccountingEntryDto[];
  groups: AccountingGroupDto[];
} {
  const byKey = new Map<string, AccountingEntryDto[]>();
  for (const entry of entries) {
    const key = JSON.stringify([
      entry.recipientName.trim().toLowerCase(),
      entry.recipientType,
      entry.basis,
      entry.purpose.trim().toLowerCase(),
    ]);
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const singles: AccountingEntryDto[] = [];
  const groups: AccountingGroupDto[] = [];
  for (const list of byKey.values()) {
    if (list.length === 1) {
      singles.push(list[0]!);
      continue;
    }
    const dates = list.map((e) => e.disclosedAt).sort();
    groups.push({
      recipientName: list[0]!.recipientName,
      recipientType: list[0]!.recipientType,
      basis: list[0]!.basis,
      purpose: list[0]!.purpose,
      dataCategories: [...new Set(list.flatMap((e) => e.dataCategories))],
      first: dates[0]!,
      last: dates[dates.length - 1]!,
      frequency: list.length,
    });
  }
  groups.sort((a, b) => a.first.localeCompare(b.first));
  return { singles, groups };
}
