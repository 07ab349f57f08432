import { Injectable } from '@nestjs/common';
import { CLOSED_LEGAL_PROCESS_STATUSES, LEGAL_PROCESS_STATUSES } from '@privacy-desk/shared';
import { In, IsNull, LessThan } from 'typeorm';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { updateVersioned } from '../common/persistence/versioned-update.js';
import { TransactionService } from '../database/transaction.service.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { Subject } from '../subjects/subject.entity.js';
import { User } from '../users/user.entity.js';
import { LegalProcessSubject } from './legal-process-subject.entity.js';
import { LegalProcess } from './legal-process.entity.js';

/** How many ids go into one `IN (…)`: well under both databases' parameter limits. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const OPEN_STATUSES = LEGAL_PROCESS_STATUSES.filter(
  (s) => !CLOSED_LEGAL_PROCESS_STATUSES.includes(s),
);

export interface LegalProcessListView {
  view: 'overdue' | 'due_soon' | 'all';
  now: Date;
  /** End of the last day that counts as "due soon". */
  dueSoonBefore: Date;
  /** true: a gag order in force today; false: none in force; undefined: either. */
  gag?: boolean;
  today: string;
  subjectId?: string;
}

/** The only code that reads and writes `legal_processes` and `legal_process_subjects`. */
@Injectable()
export class LegalProcessRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(LegalProcess);
  }

  private get links() {
    return this.tx.manager.getRepository(LegalProcessSubject);
  }

  findById(id: string): Promise<LegalProcess | null> {
    return this.repo.findOneBy({ id });
  }

  async insert(process: LegalProcess, subjectIds: string[]): Promise<void> {
    await this.repo.insert(process);
    await this.addSubjects(process.id, subjectIds);
  }

  async addSubjects(legalProcessId: string, subjectIds: string[]): Promise<void> {
    for (const part of chunks(subjectIds)) {
      await this.links.insert(
        part.map((subjectId) => ({
          legalProcessId,
          subjectId,
          noticeRequestId: null,
          notifiedAt: null,
        })),
      );
    }
  }

  async removeSubjects(legalProcessId: string, subjectIds: string[]): Promise<void> {
    for (const part of chunks(subjectIds))
      await this.links.delete({ legalProcessId, subjectId: In(part) });
  }

  saveVersioned(process: LegalProcess): Promise<boolean> {
    return updateVersioned(this.repo, process);
  }

  subjectsOf(legalProcessId: string): Promise<LegalProcessSubject[]> {
    return this.links.find({ where: { legalProcessId }, order: { subjectId: 'ASC' } });
  }

  async subjectCounts(ids: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.links
        .createQueryBuilder('link')
        .select('link.legalProcessId', 'id')
        .addSelect('COUNT(*)', 'n')
        .where('link.legalProcessId IN (:...part)', { part })
        .groupBy('link.legalProcessId')
        .getRawMany<{ id: string; n: string | number }>();
      for (const row of rows) counts.set(row.id, Number(row.n));
    }
    return counts;
  }

  /** The subjects among `ids` that exist. */
  async existingSubjects(ids: string[]): Promise<Pick<Subject, 'id' | 'name' | 'email'>[]> {
    const found: Pick<Subject, 'id' | 'name' | 'email'>[] = [];
    for (const part of chunks([...new Set(ids)])) {
      found.push(
        ...(await this.tx.manager.getRepository(Subject).find({
          select: { id: true, name: true, email: true },
          where: { id: In(part) },
        })),
      );
    }
    return found;
  }

  async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (!unique.length) return new Map();
    const users = await this.tx.manager
      .getRepository(User)
      .find({ select: { id: true, name: true }, where: { id: In(unique) } });
    return new Map(users.map((u) => [u.id, u.name]));
  }

  findUser(id: string): Promise<User | null> {
    return this.tx.manager.getRepository(User).findOneBy({ id });
  }

  async requestReferences(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.tx.manager
      .getRepository(PrivacyRequest)
      .find({ select: { id: true, reference: true }, where: { id: In(unique) } });
    return new Map(rows.map((r) => [r.id, r.reference]));
  }

  async findPage(query: ListQuery, view: LegalProcessListView): Promise<Page<LegalProcess>> {
    const qb = this.repo.createQueryBuilder('lp');
    if (view.view === 'overdue') {
      qb.where('lp.responseDueAt < :now AND lp.status IN (:...open)', {
        now: view.now,
        open: OPEN_STATUSES,
      });
    } else if (view.view === 'due_soon') {
      qb.where(
        'lp.responseDueAt >= :now AND lp.responseDueAt <= :soon AND lp.status IN (:...open)',
        {
          now: view.now,
          soon: view.dueSoonBefore,
          open: OPEN_STATUSES,
        },
      );
    }
    if (view.gag !== undefined) {
      const inForce = '(lp.gagOrder = :gagOn AND (lp.gagUntil IS NULL OR lp.gagUntil >= :today))';
      qb.andWhere(view.gag ? inForce : `NOT ${inForce}`, { gagOn: true, today: view.today });
    }
    if (view.subjectId) {
      qb.andWhere(
        'lp.id IN (SELECT s.legal_process_id FROM legal_process_subjects s WHERE s.subject_id = :subjectId)',
        { subjectId: view.subjectId },
      );
    }
    return findPage(qb, query);
  }

  /** Gag orders that lapsed before `today` and whose notices were not yet queued. */
  findLapsedGags(today: string): Promise<LegalProcess[]> {
    return this.repo.find({
      where: {
        gagOrder: true,
        gagUntil: LessThan(today),
        gagLapseHandledAt: IsNull(),
      },
      order: { gagUntil: 'ASC' },
      take: 200,
    });
  }

  /**
   * Claims a lapsed gag for this transaction: only one caller (of any instance) sees `true`;
   * on PostgreSQL a concurrent claim waits for the row lock, then finds it already handled.
   */
  async claimGagLapse(id: string, gagUntil: string, now: Date): Promise<boolean> {
    const result = await this.repo.update(
      { id, gagLapseHandledAt: IsNull(), gagUntil, gagOrder: true },
      { gagLapseHandledAt: now },
    );
    return (result.affected ?? 0) === 1;
  }

  async setNoticeRequest(
    legalProcessId: string,
    subjectId: string,
    requestId: string,
  ): Promise<void> {
    await this.links.update(
      { legalProcessId, subjectId, noticeRequestId: IsNull() },
      { noticeRequestId: requestId },
    );
  }

  /** Records that the subject was told (the notice request was completed). */
  async markNotified(noticeRequestId: string, at: Date): Promise<LegalProcessSubject | null> {
    const link = await this.links.findOneBy({ noticeRequestId, notifiedAt: IsNull() });
    if (!link) return null;
    await this.links.update(
      { legalProcessId: link.legalProcessId, subjectId: link.subjectId },
      { notifiedAt: at },
    );
    return link;
  }
}
