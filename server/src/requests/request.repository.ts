import { Injectable } from '@nestjs/common';
import type { RequestKind, RequestStatus } from '@privacy-desk/shared';
import { CLOSED_STATUSES } from '@privacy-desk/shared';
import { In, Not } from 'typeorm';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { updateVersioned } from '../common/persistence/versioned-update.js';
import { TransactionService } from '../database/transaction.service.js';
import { User } from '../users/user.entity.js';
import { PrivacyRequest } from './privacy-request.entity.js';
import { RequestEvent } from './request-event.entity.js';
import { findColumnsByIds, findFirstRow, findOneRow } from '../common/persistence/plain-reads.js';
import { insertRow } from '../common/persistence/plain-writes.js';
import { withPlaceholders } from '../common/persistence/plain-statements.js';

export type QueueView = 'mine' | 'unassigned' | 'overdue' | 'due_soon' | 'all';

@Injectable()
export class RequestRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(PrivacyRequest);
  }

  private get events() {
    return this.tx.manager.getRepository(RequestEvent);
  }

  /** `?` placeholders as the driver wants them (`$1`, `$2`… on PostgreSQL). */
  private sql(text: string): string {
    return withPlaceholders(this.tx.manager, text);
  }

  /** An instant as TypeORM stores a TIMESTAMP column here (UTC text on SQLite, a Date on PostgreSQL). */
  private stamp(at: Date): unknown {
    const column = this.repo.metadata.findColumnWithPropertyName('updatedAt')!;
    return this.tx.manager.connection.driver.preparePersistentValue(at, column) as unknown;
  }

  findById(id: string): Promise<PrivacyRequest | null> {
    return findOneRow(this.tx.manager, PrivacyRequest, { id });
  }

  findByIds(ids: string[]): Promise<PrivacyRequest[]> {
    return ids.length ? this.repo.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findByVerificationHash(hash: string): Promise<PrivacyRequest | null> {
    return this.repo.findOneBy({ verificationTokenHash: hash });
  }

  /** The oldest open request of the same kind from the same email: a likely duplicate. */
  async findOpenDuplicate(
    email: string,
    kind: RequestKind,
    excludeId: string,
  ): Promise<Pick<PrivacyRequest, 'id' | 'reference'> | null> {
    const rows = await this.tx.manager.query<Pick<PrivacyRequest, 'id' | 'reference'>[]>(
      this.sql(
        `SELECT id, reference FROM privacy_requests
          WHERE requester_email = ? AND kind = ? AND id <> ?
            AND status NOT IN (${CLOSED_STATUSES.map(() => '?').join(', ')})
          ORDER BY received_at ASC LIMIT 1`,
      ),
      [email, kind, excludeId, ...CLOSED_STATUSES],
    );
    return rows[0] ?? null;
  }

  /**
   * Inserts a new request. The caller sets every column (`version` included), so the row is not
   * read back for its defaults (on SQLite, TypeORM would otherwise select it again).
   */
  async insert(request: PrivacyRequest): Promise<void> {
    await insertRow(this.tx.manager, PrivacyRequest, request);
  }

  /**
   * Replaces the requester's name and email on every other request linked to a subject (an
   * erased minor), bumping each version; returns how many requests changed.
   */
  async replaceRequesterOf(
    subjectId: string,
    exceptId: string,
    name: string,
    email: string,
  ): Promise<number> {
    const result = await this.repo.update(
      { subjectId, id: Not(exceptId) },
      { requesterName: name, requesterEmail: email, version: () => 'version + 1' },
    );
    return result.affected ?? 0;
  }

  /** Saves only if the row still has the version the caller read, and bumps it. */
  saveVersioned(request: PrivacyRequest): Promise<boolean> {
    return updateVersioned(this.repo, request);
  }

  async findPage(
    query: ListQuery,
    view: { name: QueueView; userId: string; now: Date; dueSoonBefore: Date },
  ): Promise<Page<PrivacyRequest>> {
    const qb = this.repo.createQueryBuilder('request');
    const open = [...CLOSED_STATUSES];
    switch (view.name) {
      case 'mine':
        qb.where('request.assigneeId = :me AND request.status NOT IN (:...closed)', {
          me: view.userId,
          closed: open,
        });
        break;
      case 'unassigned':
        qb.where("request.assigneeId IS NULL AND request.status = 'new'");
        break;
      case 'overdue':
        qb.where('request.dueAt < :now AND request.status NOT IN (:...closed)', {
          now: view.now,
          closed: open,
        });
        break;
      case 'due_soon':
        qb.where(
          'request.dueAt >= :now AND request.dueAt <= :soon AND request.status NOT IN (:...closed)',
          {
            now: view.now,
            soon: view.dueSoonBefore,
            closed: open,
          },
        );
        break;
      case 'all':
        break;
    }
    return findPage(qb, query);
  }

  /**
   * Takes the unassigned `new` request due soonest. On PostgreSQL the row lock skips rows
   * another process is claiming, so concurrent callers each get a different request.
   */
  lockNextUnassigned(kind: RequestKind | undefined): Promise<PrivacyRequest | null> {
    // The condition and order of the partial index IDX_privacy_requests_next.
    return findFirstRow(
      this.tx.manager,
      PrivacyRequest,
      {
        where: `status = 'new' AND assignee_id IS NULL${kind ? ' AND kind = ?' : ''}`,
        orderBy: 'due_at ASC, received_at ASC',
        suffix: this.tx.isPostgres ? 'FOR UPDATE SKIP LOCKED' : undefined,
      },
      kind ? [kind] : [],
    );
  }

  /** Ids of the in-progress requests whose assignee's lease has run out (before every claim). */
  async findExpiredLeaseIds(now: Date): Promise<string[]> {
    const rows = await this.tx.manager.query<{ id: string }[]>(
      this.sql(
        "SELECT id FROM privacy_requests WHERE status = 'in_progress' AND lease_expires_at < ?",
      ),
      [this.stamp(now)],
    );
    return rows.map((row) => row.id);
  }

  /** Inserts a timeline line and sets its generated id. */
  async insertEvent(event: RequestEvent): Promise<void> {
    const rows = await this.tx.manager.query<{ id: number | string }[]>(
      this.sql(
        `INSERT INTO request_events (request_id, at, type, actor_type, actor_id, actor_label,
           from_status, to_status, summary, body, mail_id, mail_status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ),
      [
        event.requestId,
        this.stamp(event.at),
        event.type,
        event.actorType,
        event.actorId,
        event.actorLabel,
        event.fromStatus,
        event.toStatus,
        event.summary,
        event.body,
        event.mailId,
        event.mailStatus,
      ],
    );
    event.id = Number(rows[0]!.id);
  }

  /** Updates the timeline events of one outbox message (its delivery status). */
  async updateMailEvents(
    mailId: string,
    fields: Pick<RequestEvent, 'mailStatus' | 'summary'>,
  ): Promise<void> {
    await this.events.update({ mailId }, fields);
  }

  /**
   * Extends a claim's lease without a new version (a heartbeat is not an edit): only while
   * the caller still holds the claim. False otherwise.
   */
  async renewClaimLease(id: string, holderId: string, until: Date): Promise<boolean> {
    const result = await this.repo.update(
      {
        id,
        assigneeId: holderId,
        status: 'in_progress' as RequestStatus,
        assignmentKind: 'claim',
      },
      { leaseExpiresAt: until },
    );
    return (result.affected ?? 0) === 1;
  }

  countEvents(requestId: string, type: RequestEvent['type']): Promise<number> {
    return this.events.countBy({ requestId, type });
  }

  timeline(requestId: string): Promise<RequestEvent[]> {
    return this.events.find({ where: { requestId }, order: { id: 'DESC' } });
  }

  userNames(ids: string[]): Promise<Pick<User, 'id' | 'name'>[]> {
    return findColumnsByIds(this.tx.manager, User, ids, ['id', 'name']);
  }

  activeStaff(): Promise<Pick<User, 'id' | 'name'>[]> {
    return this.tx.manager.getRepository(User).find({
      select: { id: true, name: true },
      where: { role: 'staff', active: true },
      order: { name: 'ASC' },
    });
  }

  findUser(id: string): Promise<User | null> {
    return this.tx.manager.getRepository(User).findOneBy({ id });
  }

  referencesOf(ids: string[]): Promise<Pick<PrivacyRequest, 'id' | 'reference'>[]> {
    return findColumnsByIds(this.tx.manager, PrivacyRequest, ids, ['id', 'reference']);
  }
}
