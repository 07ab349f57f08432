import { Injectable } from '@nestjs/common';
import {
  addRetentionCounts,
  dateInZone,
  describeRetentionCounts,
  emptyRetentionCounts,
  explainRetention,
  retentionCutoffs,
} from '@privacy-desk/shared';
import type { RetentionCounts, RetentionReportDto } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { RetentionRepository } from './retention.repository.js';
import type { RetentionScope } from './retention.repository.js';

/** Rows of one kind purged per transaction. */
export const RETENTION_BATCH_SIZE = 200;
/** References listed in a report (the counts are always complete). */
export const RETENTION_LIST_LIMIT = 1000;

type Phase = 'requests' | 'disclosures' | 'subjects';

/**
 * The retention purge: what is past its period (`shared/src/retention.ts`) and not held by an
 * open request, an open flag or a gag order in force loses its personal data. The preview
 * changes nothing; a run works in batches, one transaction each with its audit entry of
 * counts per table, requests first, then disclosures, then the subjects they leave untied.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly repository: RetentionRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private scope(now: Date): RetentionScope {
    return {
      ...retentionCutoffs(now, this.config.retention),
      today: dateInZone(now, this.config.env.BUSINESS_TIME_ZONE),
    };
  }

  /** The dry run: what a run now would purge, and what stays held. Changes nothing. */
  async preview(): Promise<RetentionReportDto> {
    const now = this.clock.now();
    const scope = this.scope(now);
    const requests = await this.repository.purgeableRequests(scope);
    const disclosures = await this.repository.purgeableDisclosures(scope);
    const subjects = await this.repository.purgeableSubjects(scope);
    return {
      dryRun: true,
      at: now.toISOString(),
      periods: explainRetention(now, this.config.retention),
      counts: await this.repository.previewCounts(scope),
      requests: requests.slice(0, RETENTION_LIST_LIMIT).map((r) => r.reference),
      disclosures: disclosures.slice(0, RETENTION_LIST_LIMIT).map((d) => d.reference),
      subjects: subjects.slice(0, RETENTION_LIST_LIMIT),
      held: await this.repository.heldCounts(scope),
      batches: 0,
    };
  }

  /**
   * Purges everything past its period, batch by batch; each batch is selected again inside
   * its own transaction, so a request opened meanwhile holds its subject. A run that finds
   * nothing still leaves one audit entry (all counts zero): the trail shows it ran.
   */
  async run(actor: Actor): Promise<RetentionReportDto> {
    const now = this.clock.now();
    const scope = this.scope(now);
    const held = await this.repository.heldCounts(scope);
    const report: RetentionReportDto = {
      dryRun: false,
      at: now.toISOString(),
      periods: explainRetention(now, this.config.retention),
      counts: emptyRetentionCounts(),
      requests: [],
      disclosures: [],
      subjects: [],
      held,
      batches: 0,
    };
    for (const phase of ['requests', 'disclosures', 'subjects'] as const) {
      while (await this.batch(actor, phase, scope, now, report)) {
        // next batch
      }
    }
    // An admin's run is a user action and is audited even when it finds nothing. The daily
    // job's empty runs show in the job history instead of adding an entry a day to the trail.
    if (report.batches === 0 && actor.type !== 'system') {
      await this.tx.run(() => this.record(actor, 'nothing', report.counts, scope));
    }
    return report;
  }

  /** One batch of a phase, in one transaction; false when the phase has nothing left. */
  private batch(
    actor: Actor,
    phase: Phase,
    scope: RetentionScope,
    now: Date,
    report: RetentionReportDto,
  ): Promise<boolean> {
    return this.tx.run(async () => {
      let counts: Partial<RetentionCounts>;
      if (phase === 'requests') {
        const rows = await this.repository.purgeableRequests(scope, RETENTION_BATCH_SIZE);
        if (!rows.length) return false;
        counts = await this.repository.purgeRequests(
          rows.map((r) => r.id),
          now,
        );
        this.list(
          report.requests,
          rows.map((r) => r.reference),
        );
      } else if (phase === 'disclosures') {
        const rows = await this.repository.purgeableDisclosures(scope, RETENTION_BATCH_SIZE);
        if (!rows.length) return false;
        counts = await this.repository.purgeDisclosures(
          rows.map((d) => d.id),
          now,
        );
        this.list(
          report.disclosures,
          rows.map((d) => d.reference),
        );
      } else {
        const ids = await this.repository.purgeableSubjects(scope, RETENTION_BATCH_SIZE);
        if (!ids.length) return false;
        counts = await this.repository.purgeSubjects(ids, now);
        this.list(report.subjects, ids);
      }
      const full = addRetentionCounts(emptyRetentionCounts(), counts);
      await this.record(actor, phase, full, scope);
      report.counts = addRetentionCounts(report.counts, full);
      report.batches += 1;
      return true;
    });
  }

  private list(into: string[], items: string[]): void {
    into.push(...items.slice(0, Math.max(0, RETENTION_LIST_LIMIT - into.length)));
  }

  /** The audit entry of one batch: counts per table and the cutoffs, no personal data. */
  private record(
    actor: Actor,
    what: Phase | 'nothing',
    counts: RetentionCounts,
    scope: RetentionScope,
  ) {
    return this.audit.record(actor, {
      action: 'retention.purged',
      entityType: 'retention',
      entityId: null,
      summary:
        `Retention purge (${what === 'nothing' ? 'nothing past its period' : what}): ` +
        `${describeRetentionCounts(counts)}; requests closed before ` +
        `${scope.requestsClosedBefore.toISOString()}, disclosures before ${scope.disclosuresBefore.toISOString()}`,
    });
  }
}
