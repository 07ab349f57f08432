import { Injectable } from '@nestjs/common';
import { periodCovers } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { DeskCalendar } from '../disclosures/desk-calendar.js';
import { DisclosureRepository } from '../disclosures/disclosure.repository.js';
import type { DisclosureReportPayload } from '../requests/kinds/index.js';
import { RequestEvents } from '../requests/request-events.js';
import { RequestIntakeService } from '../requests/request-intake.service.js';
import { DisclosureReportRepository } from './disclosure-report.repository.js';

/** The legal process whose gag order lapsed (what this feature needs of it). */
export interface LapsedGag {
  id: string;
  reference: string;
  /** The last day the order was in force (YYYY-MM-DD, desk time). */
  gagUntil: string;
}

/**
 * When a gag order lapses, every disclosure report already sent to a subject of that legal
 * process, whose period covered one of its (approved) disclosures, left that disclosure out.
 * Each such report gets a line on its timeline saying so, an audit entry, and a follow-up:
 * a new `disclosure_report` request for the same period, queued for staff to send the
 * complete report. Runs inside the lapse job's transaction.
 */
@Injectable()
export class DisclosureReportFollowUps {
  constructor(
    private readonly disclosures: DisclosureRepository,
    private readonly reports: DisclosureReportRepository,
    private readonly intake: RequestIntakeService,
    private readonly events: RequestEvents,
    private readonly audit: AuditService,
    private readonly calendar: DeskCalendar,
  ) {}

  /** Returns how many follow-ups it queued. */
  async gagLapsed(process: LapsedGag): Promise<number> {
    const all = await this.disclosures.findByLegalProcess(process.id);
    const superseded = await this.disclosures.supersededAmong(all.map((d) => d.id));
    const shown = all.filter((d) => d.reviewStatus === 'approved' && !superseded.has(d.id));
    if (!shown.length) return 0;
    const days = new Map(shown.map((d) => [d.id, this.calendar.dateOf(d.disclosedAt)]));
    const daysBySubject = new Map<string, string[]>();
    for (const link of await this.disclosures.subjectsOf(shown.map((d) => d.id))) {
      const list = daysBySubject.get(link.subjectId) ?? [];
      list.push(days.get(link.disclosureId)!);
      daysBySubject.set(link.subjectId, list);
    }
    // Every report sent before now may have left them out: the order may also have been
    // lifted early (its end date moved into the past). A report sent between midnight and
    // this run already held them; its follow-up errs on the side of telling the person.
    const sent = await this.reports.sentReportsOf([...daysBySubject.keys()], this.calendar.now());
    let queued = 0;
    for (const report of sent) {
      const payload = JSON.parse(report.payload) as DisclosureReportPayload;
      const left = (daysBySubject.get(report.subjectId!) ?? []).filter((day) =>
        periodCovers(payload, day),
      );
      if (!left.length) continue;
      const { request: followUp } = await this.intake.create(SYSTEM_ACTOR, {
        kind: 'disclosure_report',
        channel: 'staff',
        jurisdiction: report.jurisdiction,
        requesterName: report.requesterName,
        requesterEmail: report.requesterEmail,
        receivedAt: this.calendar.now(),
        payload: {
          periodStart: payload.periodStart,
          periodEnd: payload.periodEnd,
          followUpOfId: report.id,
          followUpOfReference: report.reference,
          note:
            `${report.reference} left out ${left.length === 1 ? 'a disclosure' : `${left.length} disclosures`} ` +
            `under legal process ${process.reference} while its gag order was in force (until ${process.gagUntil}); send the complete report.`,
        } satisfies DisclosureReportPayload,
        subjectId: report.subjectId,
        status: 'new',
        notifyRequester: false,
      });
      const summary =
        `This report was incomplete: it left out legal process ${process.reference} under a gag order ` +
        `(lapsed after ${process.gagUntil}); follow-up ${followUp.reference} queued to send the complete report`;
      await this.events.record(SYSTEM_ACTOR, report, 'report_incomplete', summary);
      await this.audit.record(SYSTEM_ACTOR, {
        action: 'request.report_incomplete',
        entityType: 'request',
        entityId: report.id,
        summary: `${report.reference}: ${summary}`,
      });
      queued += 1;
    }
    return queued;
  }
}
