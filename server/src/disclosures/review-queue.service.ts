import { Injectable } from '@nestjs/common';
import {
  addDays,
  DISCLOSURE_BASIS_LABELS,
  endOfDay,
  fourEyesRefusal,
  LEGAL_PROCESS_TYPE_LABELS,
  VIOLATION_SEVERITIES,
} from '@privacy-desk/shared';
import type { ReviewQueueDto, ReviewQueueItemDto, ViolationSeverity } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { DeskCalendar } from './desk-calendar.js';
import { DisclosureLookups } from './disclosure-lookups.repository.js';
import { DisclosureRepository } from './disclosure.repository.js';
import { DisclosuresService } from './disclosures.service.js';

/** Legal process due within this many days shows in the queue (like requests' due soon). */
const DUE_SOON_DAYS = 3;
/** Gag orders lapsing within this many days show in the queue. */
const GAG_LAPSE_DAYS = 30;

/** What waits for a compliance officer: reviews, deadlines, lapsing gag orders, open flags. */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly disclosures: DisclosureRepository,
    private readonly disclosureService: DisclosuresService,
    private readonly lookups: DisclosureLookups,
    private readonly calendar: DeskCalendar,
  ) {}

  async queue(actor: Actor): Promise<ReviewQueueDto> {
    const today = this.calendar.today();
    const now = this.calendar.now();
    const pendingDisclosures = await this.disclosures.findPendingReview();
    const pendingProcesses = await this.lookups.legalProcessesPendingReview();
    const due = await this.lookups.legalProcessesDueBy(
      endOfDay(addDays(today, DUE_SOON_DAYS), this.calendar.timeZone),
    );
    const lapsing = await this.lookups.gagOrdersEndingBetween(
      today,
      addDays(today, GAG_LAPSE_DAYS),
    );
    const flags = await this.lookups.openFlags();
    const users = new Map(
      (
        await this.lookups.users([
          ...pendingDisclosures.map((d) => d.recordedById),
          ...pendingProcesses.map((p) => p.recordedById),
        ])
      ).map((u) => [u.id, u]),
    );
    const userRef = (id: string) => ({ id, name: users.get(id)?.name ?? 'Unknown user' });

    const pendingReview: ReviewQueueItemDto[] = [];
    for (const d of pendingDisclosures) {
      pendingReview.push({
        kind: 'disclosure',
        id: d.id,
        reference: d.reference,
        summary: `${DISCLOSURE_BASIS_LABELS[d.basis]}: to ${d.recipientName}`,
        recordedBy: userRef(d.recordedById),
        submittedAt: d.updatedAt.toISOString(),
        canApprove: (await this.disclosureService.fourEyes(actor.id!, d)) === null,
      });
    }
    for (const p of pendingProcesses) {
      pendingReview.push({
        kind: 'legal_process',
        id: p.id,
        reference: p.reference,
        summary: `Response to ${LEGAL_PROCESS_TYPE_LABELS[p.type]} from ${p.issuingAuthority}`,
        recordedBy: userRef(p.recordedById),
        submittedAt: (p.respondedAt ?? p.updatedAt).toISOString(),
        canApprove: fourEyesRefusal(actor.id!, { recordedById: p.recordedById }) === null,
      });
    }
    pendingReview.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));

    const counts = await this.lookups.legalProcessSubjectCounts(lapsing.map((p) => p.id));
    const subjects = new Map(
      (await this.lookups.subjects(flags.map((f) => f.subjectId))).map((s) => [s.id, s]),
    );
    const openFlagsBySeverity = Object.fromEntries(
      VIOLATION_SEVERITIES.map((s) => [s, 0]),
    ) as Record<ViolationSeverity, number>;
    for (const flag of flags) openFlagsBySeverity[flag.severity] += 1;
    const severityRank = (s: ViolationSeverity) => -VIOLATION_SEVERITIES.indexOf(s);

    return {
      pendingReview,
      legalProcessDueSoon: due.map((p) => ({
        id: p.id,
        reference: p.reference,
        type: p.type,
        dueDate: this.calendar.dateOf(p.responseDueAt),
        deadline: p.responseDueAt < now ? 'overdue' : 'due_soon',
      })),
      gagOrdersLapsing: lapsing.map((p) => ({
        id: p.id,
        reference: p.reference,
        gagUntil: p.gagUntil!,
        subjectCount: counts.get(p.id) ?? 0,
      })),
      openFlagsBySeverity,
      openFlags: [...flags]
        .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
        .map((f) => {
          const s = subjects.get(f.subjectId);
          return {
            id: f.id,
            reference: f.reference,
            severity: f.severity,
            category: f.category,
            subject: { id: f.subjectId, name: s?.name ?? '', email: s?.email ?? '' },
          };
        }),
    };
  }
}
