import { Injectable, OnModuleInit } from '@nestjs/common';
import { LEGAL_PROCESS_TYPE_LABELS, dateInZone } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { DisclosureReportFollowUps } from '../disclosure-reports/disclosure-report-follow-ups.js';
import { TransactionService } from '../database/transaction.service.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import { GagNoticeKind } from '../requests/kinds/index.js';
import { RequestIntakeService } from '../requests/request-intake.service.js';
import type { PrivacyRequest } from '../requests/privacy-request.entity.js';
import type { LegalProcess } from './legal-process.entity.js';
import { LegalProcessRepository } from './legal-process.repository.js';
import { LegalProcessService } from './legal-process.service.js';

export const GAG_LAPSE_JOB = 'legal_process.gag_lapse';
/** How often lapsed gag orders are looked for (they lapse at midnight, desk time). */
export const GAG_LAPSE_PERIOD_MS = 15 * 60_000;

/**
 * When a non-disclosure order lapses, each subject the legal process named is to be told: this
 * recurring job queues one `gag_notice` task per subject in the staff queue, and a follow-up
 * for each disclosure report the order made incomplete (`DisclosureReportFollowUps`). One transaction
 * per process, behind a conditional claim of the process row, so two instances running it at
 * once queue each task exactly once. Completing a task sends the notice through the outbox
 * and records `notified_at` on the subject's row.
 */
@Injectable()
export class GagLapseJob implements OnModuleInit {
  constructor(
    private readonly runner: JobRunnerService,
    private readonly processes: LegalProcessRepository,
    private readonly service: LegalProcessService,
    private readonly intake: RequestIntakeService,
    private readonly gagNotices: GagNoticeKind,
    private readonly reportFollowUps: DisclosureReportFollowUps,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runner.register(GAG_LAPSE_JOB, () => this.run().then(() => undefined), {
      transactional: false,
    });
    this.runner.registerRecurring(GAG_LAPSE_JOB, GAG_LAPSE_PERIOD_MS);
    this.gagNotices.onNoticeSent((request, actor) => this.noticeSent(request, actor));
  }

  /** Queues the notices of every lapsed, unhandled gag; returns how many tasks it queued. */
  async run(): Promise<number> {
    const today = this.service.today();
    let queued = 0;
    for (const process of await this.processes.findLapsedGags(today)) {
      queued += await this.handle(process);
    }
    return queued;
  }

  private handle(process: LegalProcess): Promise<number> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      if (!(await this.processes.claimGagLapse(process.id, process.gagUntil!, now))) return 0;
      const links = await this.processes.subjectsOf(process.id);
      const subjects = new Map(
        (await this.processes.existingSubjects(links.map((l) => l.subjectId))).map((s) => [
          s.id,
          s,
        ]),
      );
      let queued = 0;
      for (const link of links) {
        const subject = subjects.get(link.subjectId);
        if (link.noticeRequestId || !subject) continue;
        const request = await this.intake.queueGagNotice(SYSTEM_ACTOR, subject, {
          legalProcessId: process.id,
          legalProcessReference: process.reference,
          typeLabel: LEGAL_PROCESS_TYPE_LABELS[process.type],
          issuingAuthority: process.issuingAuthority,
          receivedOn: dateInZone(process.receivedAt, this.service.settings.timeZone),
        });
        await this.processes.setNoticeRequest(process.id, link.subjectId, request.id);
        queued += 1;
      }
      // Disclosure reports sent while the order held left its disclosures out: follow them up.
      const followUps = await this.reportFollowUps.gagLapsed({
        id: process.id,
        reference: process.reference,
        gagUntil: process.gagUntil!,
      });
      await this.audit.record(SYSTEM_ACTOR, {
        action: 'legal_process.gag_lapsed',
        entityType: 'legal_process',
        entityId: process.id,
        summary: `${process.reference}: gag order lapsed after ${process.gagUntil}; ${queued} notice task(s) and ${followUps} disclosure report follow-up(s) queued`,
      });
      return queued;
    });
  }

  /** A `gag_notice` request was completed (its notice is in the outbox): record when. */
  private async noticeSent(request: PrivacyRequest, actor: Actor): Promise<void> {
    const link = await this.processes.markNotified(request.id, this.clock.now());
    if (!link) return;
    await this.audit.record(actor, {
      action: 'legal_process.subject_notified',
      entityType: 'legal_process',
      entityId: link.legalProcessId,
      summary: `Notice of legal process sent to subject ${link.subjectId} (${request.reference})`,
    });
  }
}
