import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { REQUEST_KIND_LABELS } from '@privacy-desk/shared';
import type { RequestKind } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { ApiError, notFound } from '../common/errors/domain-errors.js';
import { Clock } from '../common/clock/clock.js';
import { TransactionService } from '../database/transaction.service.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import { RequestEvents } from './request-events.js';
import { RequestLeasePolicy } from './request-lease.js';
import { RequestLifecycleService } from './request-lifecycle.service.js';
import type { ActionInput } from './request-lifecycle.service.js';
import { RequestRepository } from './request.repository.js';

export const LEASE_EXPIRY_JOB = 'requests.expire_leases';

export type BulkResult =
  { id: string; ok: true } | { id: string; ok: false; error: { code: string; message: string } };

/** The queue: take the next request, claims that lapse, and a manager's bulk actions. */
@Injectable()
export class RequestQueueService implements OnModuleInit {
  constructor(
    private readonly requests: RequestRepository,
    private readonly lifecycle: RequestLifecycleService,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly jobs: JobRunnerService,
    private readonly clock: Clock,
    private readonly events: RequestEvents,
    private readonly lease: RequestLeasePolicy,
  ) {}

  onModuleInit(): void {
    this.jobs.register(LEASE_EXPIRY_JOB, async () => {
      await this.expireLeases();
    });
    this.jobs.registerRecurring(LEASE_EXPIRY_JOB, 60_000);
  }

  /** Atomically gives the caller the unassigned new request that is due soonest. */
  async claimNext(actor: Actor, kind?: RequestKind): Promise<PrivacyRequest> {
    await this.expireLeases();
    const claimed = await this.tx.run(async () => {
      const next = await this.requests.lockNextUnassigned(kind);
      if (!next) return null;
      return this.lifecycle.apply(actor, next, 'claim', { version: next.version });
    });
    if (!claimed) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'queue_empty',
        kind
          ? `No unassigned ${REQUEST_KIND_LABELS[kind].toLowerCase()} request is waiting`
          : 'The queue is empty: no unassigned request is waiting',
      );
    }
    return claimed;
  }

  /** Returns in-progress requests whose lease ran out to the queue. */
  async expireLeases(): Promise<number> {
    const expired = await this.requests.findExpiredLeaseIds(this.clock.now());
    let count = 0;
    for (const id of expired) {
      await this.tx.run(async () => {
        const request = await this.requests.findById(id);
        if (
          !request ||
          request.status !== 'in_progress' ||
          !request.leaseExpiresAt ||
          request.leaseExpiresAt > this.clock.now()
        )
          return;
        const previous = request.assigneeId;
        request.status = 'new';
        request.assigneeId = null;
        request.assignmentKind = null;
        request.leaseExpiresAt = null;
        request.updatedAt = this.clock.now();
        if (!(await this.requests.saveVersioned(request))) return;
        await this.events.record(
          SYSTEM_ACTOR,
          request,
          'lease_expired',
          `The claim's holder was not active in the console for ${this.lease.leaseMinutes} minutes: returned to the queue`,
          {
            from: 'in_progress',
            to: 'new',
          },
        );
        await this.audit.record(SYSTEM_ACTOR, {
          action: 'request.lease_expired',
          entityType: 'request',
          entityId: request.id,
          summary: `${request.reference}: lease of ${previous ?? 'nobody'} expired; back in the queue`,
        });
        count += 1;
      });
    }
    return count;
  }

  async bulk(
    actor: Actor,
    ids: string[],
    action: 'assign' | 'reject',
    input: Omit<ActionInput, 'version'>,
  ): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    for (const id of [...new Set(ids)]) {
      try {
        await this.tx.run(async () => {
          const request = await this.requests.findById(id);
          if (!request) throw notFound('Request');
          await this.lifecycle.apply(actor, request, action, {
            ...input,
            version: request.version,
          });
        });
        results.push({ id, ok: true });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const body = error.getResponse() as {
          message: string;
          code: string;
          errors?: Record<string, string>;
        };
        const detail = body.errors ? ` ${Object.values(body.errors).join(' ')}` : '';
        results.push({
          id,
          ok: false,
          error: { code: body.code, message: `${body.message}${detail}` },
        });
      }
    }
    return results;
  }
}
