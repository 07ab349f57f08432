import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { findColumnsByIds, findRowsWhereIn } from '../common/persistence/plain-reads.js';
import { TransactionService } from '../database/transaction.service.js';
import { StoredDocument } from '../documents/document.entity.js';
import { LegalProcess } from '../legal-process/legal-process.entity.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { Subject } from '../subjects/subject.entity.js';
import { User } from '../users/user.entity.js';
import { ViolationFlag } from '../violations/violation-flag.entity.js';

/**
 * Read-only look-ups the disclosure log needs from other features' tables (subjects, users,
 * legal process, flags, requests, documents): the facts the basis rules, the review queue and
 * the presentation are checked against. It never writes.
 */
@Injectable()
export class DisclosureLookups {
  constructor(private readonly tx: TransactionService) {}

  private get m() {
    return this.tx.manager;
  }

  subjects(ids: string[]): Promise<Subject[]> {
    return findRowsWhereIn(this.m, Subject, 'id', ids);
  }

  subjectByEmail(email: string): Promise<Subject | null> {
    return this.m.getRepository(Subject).findOneBy({ email });
  }

  subject(id: string): Promise<Subject | null> {
    return this.m.getRepository(Subject).findOneBy({ id });
  }

  users(ids: string[]): Promise<Pick<User, 'id' | 'name'>[]> {
    return findColumnsByIds(this.m, User, ids, ['id', 'name']);
  }

  legalProcesses(ids: string[]): Promise<LegalProcess[]> {
    return findRowsWhereIn(this.m, LegalProcess, 'id', ids);
  }

  flags(ids: string[]): Promise<ViolationFlag[]> {
    return findRowsWhereIn(this.m, ViolationFlag, 'id', ids);
  }

  confirmedFlagsOf(subjectIds: string[]): Promise<ViolationFlag[]> {
    return subjectIds.length
      ? this.m
          .getRepository(ViolationFlag)
          .findBy({ subjectId: In(subjectIds), status: 'confirmed' })
      : Promise.resolve([]);
  }

  requests(ids: string[]): Promise<Pick<PrivacyRequest, 'id' | 'reference'>[]> {
    return findColumnsByIds(this.m, PrivacyRequest, ids, ['id', 'reference']);
  }

  async documentExists(sha256: string): Promise<boolean> {
    return (await this.m.getRepository(StoredDocument).countBy({ sha256 })) > 0;
  }

  /** Legal-process responses waiting for compliance review. */
  legalProcessesPendingReview(): Promise<LegalProcess[]> {
    return this.m
      .getRepository(LegalProcess)
      .find({ where: { reviewStatus: 'pending_review' }, order: { respondedAt: 'ASC' } });
  }

  /** Open legal process (received or under review) due by `until`, overdue ones included. */
  legalProcessesDueBy(until: Date): Promise<LegalProcess[]> {
    return this.m.getRepository(LegalProcess).find({
      where: { status: In(['received', 'under_review']), responseDueAt: LessThanOrEqual(until) },
      order: { responseDueAt: 'ASC' },
    });
  }

  /** Gag orders with an end date between `from` and `to` (inclusive, YYYY-MM-DD). */
  gagOrdersEndingBetween(from: string, to: string): Promise<LegalProcess[]> {
    return this.m
      .getRepository(LegalProcess)
      .createQueryBuilder('lp')
      .where('lp.gagOrder = :yes', { yes: true })
      .andWhere('lp.gagUntil IS NOT NULL')
      .andWhere('lp.gagUntil >= :from AND lp.gagUntil <= :to', { from, to })
      .orderBy('lp.gagUntil', 'ASC')
      .getMany();
  }

  async legalProcessSubjectCounts(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await this.m
      .createQueryBuilder()
      .select('lps.legal_process_id', 'id')
      .addSelect('COUNT(*)', 'count')
      .from('legal_process_subjects', 'lps')
      .where('lps.legal_process_id IN (:...ids)', { ids })
      .groupBy('lps.legal_process_id')
      .getRawMany<{ id: string; count: string | number }>();
    return new Map(rows.map((r) => [r.id, Number(r.count)]));
  }

  openFlags(): Promise<ViolationFlag[]> {
    return this.m.getRepository(ViolationFlag).find({
      where: { status: In(['open', 'under_review']) },
      order: { createdAt: 'ASC' },
    });
  }
}
