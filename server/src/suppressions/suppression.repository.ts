import { Injectable } from '@nestjs/common';
import type { SuppressionChannel, SuppressionScope } from '@privacy-desk/shared';
import { In, IsNull } from 'typeorm';
import type { SelectQueryBuilder } from 'typeorm';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { updateVersioned } from '../common/persistence/versioned-update.js';
import { TransactionService } from '../database/transaction.service.js';
import { DisclosureSubject } from '../disclosures/disclosure-subject.entity.js';
import { Disclosure } from '../disclosures/disclosure.entity.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { Subject } from '../subjects/subject.entity.js';
import { User } from '../users/user.entity.js';
import { OptOutCheck } from './opt-out-check.entity.js';
import { Suppression } from './suppression.entity.js';

/** The pseudo column of the `active` list filter (revoked_at IS NULL), read here, not by findPage. */
export const ACTIVE_FILTER_COLUMN = '__active';

/** The only queries over the suppression list and opt-out checklists. */
@Injectable()
export class SuppressionRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(Suppression);
  }

  private get checks() {
    return this.tx.manager.getRepository(OptOutCheck);
  }

  findById(id: string): Promise<Suppression | null> {
    return this.repo.findOneBy({ id });
  }

  /** The active entry for this value, channel and scope, if any. */
  findActive(
    channel: SuppressionChannel,
    value: string,
    scope: SuppressionScope,
  ): Promise<Suppression | null> {
    return this.repo.findOneBy({ channel, value, scope, revokedAt: IsNull() });
  }

  /** Every active entry for one value on one channel (the check API), oldest first. */
  findActiveByValue(channel: SuppressionChannel, value: string): Promise<Suppression[]> {
    return this.repo.find({
      where: { channel, value, revokedAt: IsNull() },
      order: { effectiveAt: 'ASC', id: 'ASC' },
    });
  }

  /** Active entries of these values on these channels (revocation on opting back in). */
  findActiveByValues(
    pairs: { channel: SuppressionChannel; value: string }[],
    scopes: readonly SuppressionScope[],
  ): Promise<Suppression[]> {
    if (pairs.length === 0 || scopes.length === 0) return Promise.resolve([]);
    return this.repo.find({
      where: pairs.map(({ channel, value }) => ({
        channel,
        value,
        scope: In([...scopes]),
        revokedAt: IsNull(),
      })),
    });
  }

  /** A subject's active entries (their access package), oldest first. */
  findActiveBySubject(subjectId: string): Promise<Suppression[]> {
    return this.repo.find({
      where: { subjectId, revokedAt: IsNull() },
      order: { effectiveAt: 'ASC', channel: 'ASC', scope: 'ASC', id: 'ASC' },
    });
  }

  findBySourceRequest(requestId: string): Promise<Suppression[]> {
    return this.repo.find({
      where: { sourceRequestId: requestId },
      order: { channel: 'ASC', scope: 'ASC', id: 'ASC' },
    });
  }

  /** Subjects (of these) with an active partner_sharing entry. */
  async subjectsOptedOutOfPartnerSharing(subjectIds: string[]): Promise<Set<string>> {
    const unique = [...new Set(subjectIds)];
    if (unique.length === 0) return new Set();
    const rows = await this.repo.find({
      select: { subjectId: true },
      where: { subjectId: In(unique), scope: 'partner_sharing', revokedAt: IsNull() },
    });
    return new Set(rows.map((r) => r.subjectId).filter((id): id is string => !!id));
  }

  async insert(entries: Suppression[]): Promise<void> {
    if (entries.length) await this.repo.insert(entries);
  }

  saveVersioned(entry: Suppression): Promise<boolean> {
    return updateVersioned(this.repo, entry);
  }

  findPage(query: ListQuery): Promise<Page<Suppression>> {
    const qb = this.repo.createQueryBuilder('suppression');
    const rest = { ...query, filters: query.filters.filter((f) => !isActiveFilter(f)) };
    for (const filter of query.filters.filter(isActiveFilter)) applyActive(qb, filter.value);
    return findPage(qb, rest);
  }

  subjectNames(ids: string[]): Promise<Pick<Subject, 'id' | 'name'>[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.tx.manager
      .getRepository(Subject)
      .find({ select: { id: true, name: true }, where: { id: In(unique) } });
  }

  requestRef(id: string): Promise<Pick<PrivacyRequest, 'id' | 'reference' | 'kind'> | null> {
    return this.tx.manager
      .getRepository(PrivacyRequest)
      .findOne({ select: { id: true, reference: true, kind: true }, where: { id } });
  }

  userNames(ids: string[]): Promise<Pick<User, 'id' | 'name'>[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.tx.manager
      .getRepository(User)
      .find({ select: { id: true, name: true }, where: { id: In(unique) } });
  }

  /** Names of business partners that received this subject's data in an approved disclosure. */
  async partnerRecipientsOf(subjectId: string): Promise<string[]> {
    const rows = await this.tx.manager
      .getRepository(Disclosure)
      .createQueryBuilder('d')
      .innerJoin(DisclosureSubject, 'ds', 'ds.disclosureId = d.id')
      .select('d.recipientName', 'name')
      .where('ds.subjectId = :subjectId', { subjectId })
      .andWhere('d.recipientType = :type', { type: 'business_partner' })
      .andWhere('d.reviewStatus = :status', { status: 'approved' })
      .distinct(true)
      .getRawMany<{ name: string }>();
    return rows.map((r) => r.name);
  }

  // ---- The downstream checklist of an opt-out request --------------------------------------

  checksOf(requestId: string): Promise<OptOutCheck[]> {
    return this.checks.find({ where: { requestId }, order: { createdAt: 'ASC', itemKey: 'ASC' } });
  }

  findCheck(requestId: string, id: string): Promise<OptOutCheck | null> {
    return this.checks.findOneBy({ requestId, id });
  }

  async insertChecks(items: OptOutCheck[]): Promise<void> {
    if (items.length) await this.checks.insert(items);
  }

  saveCheckVersioned(item: OptOutCheck): Promise<boolean> {
    return updateVersioned(this.checks, item);
  }

  async openCheckCount(requestId: string): Promise<number> {
    return this.checks.countBy({ requestId, doneAt: IsNull() });
  }
}

function isActiveFilter(filter: ListQuery['filters'][number]): boolean {
  return filter.spec.column === ACTIVE_FILTER_COLUMN;
}

function applyActive(qb: SelectQueryBuilder<Suppression>, value: unknown): void {
  qb.andWhere(
    value === true ? 'suppression.revokedAt IS NULL' : 'suppression.revokedAt IS NOT NULL',
  );
}
