import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { conflict, notFound } from '../common/errors/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import type { AssignmentKind, PrivacyRequest } from './privacy-request.entity.js';
import { RequestRepository } from './request.repository.js';

/**
 * Who keeps a request, and for how long:
 * - a manager's assignment has no lease: it stays with the assignee until a manager changes it;
 * - a claim (Take next, Claim) holds a lease of REQUEST_LEASE_MINUTES, renewed by every write
 *   its holder makes on the request and by the console's heartbeat while the holder has the
 *   request open and is active; only a claim whose lease ran out returns to the queue.
 */
@Injectable()
export class RequestLeasePolicy {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly requests: RequestRepository,
    private readonly tx: TransactionService,
  ) {}

  get leaseMinutes(): number {
    return this.config.env.REQUEST_LEASE_MINUTES;
  }

  leaseUntil(now: Date = this.clock.now()): Date {
    return new Date(now.getTime() + this.leaseMinutes * 60_000);
  }

  /** What the timeline says when someone comes to hold a request. */
  ruleFor(kind: AssignmentKind): string {
    return kind === 'assignment'
      ? 'stays assigned until a manager changes it'
      : `held while they are active in the console; returned to the queue after ${this.leaseMinutes} minutes without activity`;
  }

  /** Sets who holds the request and how (claim: with a lease; assignment: without). */
  hold(request: PrivacyRequest, holderId: string, kind: AssignmentKind, now: Date): void {
    request.assigneeId = holderId;
    request.assignmentKind = kind;
    request.leaseExpiresAt =
      kind === 'claim' && request.status === 'in_progress' ? this.leaseUntil(now) : null;
  }

  /** Work resumes (in progress again): a claim's lease starts again; an assignment has none. */
  resume(request: PrivacyRequest, now: Date): void {
    request.leaseExpiresAt = request.assignmentKind === 'claim' ? this.leaseUntil(now) : null;
  }

  /** A write by the holder of a claim renews its lease. True when the lease moved. */
  renewOnWrite(request: PrivacyRequest, actor: Actor, now: Date): boolean {
    if (
      request.status !== 'in_progress' ||
      request.assigneeId !== actor.id ||
      request.assignmentKind !== 'claim'
    )
      return false;
    request.leaseExpiresAt = this.leaseUntil(now);
    return true;
  }

  /**
   * The console's heartbeat while the holder has the request open and is active. Renews a
   * claim's lease (no new version: it is not an edit, and it is not audited); says so for an
   * assignment, which needs none.
   */
  async heartbeat(
    actor: Actor,
    id: string,
  ): Promise<{ assignmentKind: AssignmentKind; leaseExpiresAt: string | null }> {
    return this.tx.run(async () => {
      const request = await this.requests.findById(id);
      if (!request) throw notFound('Request');
      if (request.assigneeId !== actor.id || !request.assignmentKind)
        throw conflict(
          'This request is not yours: only the person it is assigned to keeps it',
          'not_assignee',
        );
      if (request.assignmentKind === 'assignment')
        return { assignmentKind: 'assignment', leaseExpiresAt: null };
      if (request.status !== 'in_progress')
        return { assignmentKind: 'claim', leaseExpiresAt: null };
      const until = this.leaseUntil();
      if (!(await this.requests.renewClaimLease(id, actor.id!, until)))
        throw conflict('This request is no longer yours; reload it', 'not_assignee');
      return { assignmentKind: 'claim', leaseExpiresAt: until.toISOString() };
    });
  }
}
