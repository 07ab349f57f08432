import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { conflict, notFound, validationError } from '../common/errors/domain-errors.js';
import { parseListQuery, takeFilterKey } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { JOB_STATUSES } from './job.entity.js';
import type { Job } from './job.entity.js';
import { JobRepository } from './job.repository.js';
import { YES_OR_NO } from '../common/errors/messages.js';

export const JOB_LIST_SPEC: ListSpec = {
  sortable: {
    runAt: 'runAt',
    createdAt: 'createdAt',
    updatedAt: 'updatedAt',
    type: 'type',
    status: 'status',
    attempts: 'attempts',
  },
  filterable: {
    status: { column: 'status', kind: 'exact', values: JOB_STATUSES },
    type: { column: 'type', kind: 'exact' },
    runAt_gte: { column: 'runAt', kind: 'gte' },
    runAt_lte: { column: 'runAt', kind: 'lte' },
  },
  defaultSort: ['runAt', 'DESC'],
};

/** What admins do with jobs: look at them, and send a failed one round again. */
@Injectable()
export class JobsService {
  constructor(
    private readonly jobs: JobRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  /**
   * The list. Besides the spec's filters, `routine: false` hides succeeded runs of recurring
   * jobs (what the console shows by default: failures, dead, running and one-off jobs).
   */
  list(params: RawListParams) {
    const routine = takeFilterKey(params, 'routine');
    if (routine.present && ![true, false, 'true', 'false'].includes(routine.value as string))
      throw validationError({ 'filter.routine': YES_OR_NO.message });
    const hideRoutine = routine.value === false || routine.value === 'false';
    return this.jobs.findPage(parseListQuery(routine.rest, JOB_LIST_SPEC), { hideRoutine });
  }

  async get(id: string): Promise<Job> {
    const job = await this.jobs.findById(id);
    if (!job) throw notFound('Job');
    return job;
  }

  async retry(actor: Actor, id: string): Promise<Job> {
    return this.tx.run(async () => {
      const job = await this.get(id);
      if (job.status !== 'dead' && !(job.status === 'pending' && job.attempts > 0)) {
        throw conflict(
          `Only a dead job or one waiting to retry can be retried; this one is ${job.status}`,
        );
      }
      const now = this.clock.now();
      Object.assign(job, {
        status: 'pending',
        runAt: now,
        attempts: 0,
        lockedBy: null,
        leaseExpiresAt: null,
        updatedAt: now,
      });
      await this.jobs.save(job);
      await this.audit.record(actor, {
        action: 'job.retried',
        entityType: 'job',
        entityId: job.id,
        summary: `Retried a ${job.type} job by hand`,
      });
      return job;
    });
  }
}
