import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { updateVersioned } from '../common/persistence/versioned-update.js';
import { TransactionService } from '../database/transaction.service.js';
import { Subject } from '../subjects/subject.entity.js';
import { User } from '../users/user.entity.js';
import { ViolationFlag } from './violation-flag.entity.js';

/** The only queries over violation flags (other features read flags through this class). */
@Injectable()
export class ViolationFlagRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(ViolationFlag);
  }

  findById(id: string): Promise<ViolationFlag | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<ViolationFlag[]> {
    const unique = [...new Set(ids)];
    return unique.length ? this.repo.findBy({ id: In(unique) }) : Promise.resolve([]);
  }

  /** The flags on one subject, newest first. */
  findBySubject(subjectId: string): Promise<ViolationFlag[]> {
    return this.repo.find({ where: { subjectId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async insert(flag: ViolationFlag): Promise<void> {
    await this.repo.insert(flag);
  }

  /** Saves only if the row still has the version the caller read, and bumps it. */
  saveVersioned(flag: ViolationFlag): Promise<boolean> {
    return updateVersioned(this.repo, flag);
  }

  /** A page of flags; severity sorts by rank (low to critical), not alphabetically. */
  findPage(query: ListQuery): Promise<Page<ViolationFlag>> {
    return findPage(this.repo.createQueryBuilder('flag'), query, {
      sortExpressions: {
        severity:
          "CASE flag.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 ELSE 0 END",
      },
    });
  }

  userNames(ids: string[]): Promise<Pick<User, 'id' | 'name'>[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.tx.manager
      .getRepository(User)
      .find({ select: { id: true, name: true }, where: { id: In(unique) } });
  }

  subjectRefs(ids: string[]): Promise<Pick<Subject, 'id' | 'name' | 'email'>[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.tx.manager
      .getRepository(Subject)
      .find({ select: { id: true, name: true, email: true }, where: { id: In(unique) } });
  }
}
