import { Injectable } from '@nestjs/common';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { updateVersioned } from '../common/persistence/versioned-update.js';
import { TransactionService } from '../database/transaction.service.js';
import { SubjectChange } from './subject-change.entity.js';
import { Subject } from './subject.entity.js';
import { findColumnsByIds, findOneRow } from '../common/persistence/plain-reads.js';

@Injectable()
export class SubjectRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(Subject);
  }

  findById(id: string): Promise<Subject | null> {
    return this.repo.findOneBy({ id });
  }

  namesOf(ids: string[]): Promise<Pick<Subject, 'id' | 'name'>[]> {
    return findColumnsByIds(this.tx.manager, Subject, ids, ['id', 'name']);
  }

  findByEmail(email: string): Promise<Subject | null> {
    return findOneRow(this.tx.manager, Subject, { email });
  }

  async insert(subject: Subject): Promise<void> {
    await this.repo.insert(subject);
  }

  /** Saves an edit only if the row still has the loaded version, and bumps it. */
  saveVersioned(subject: Subject): Promise<boolean> {
    return updateVersioned(this.repo, subject);
  }

  findPage(query: ListQuery): Promise<Page<Subject>> {
    return findPage(this.repo.createQueryBuilder('subject'), query);
  }

  async insertChanges(changes: SubjectChange[]): Promise<void> {
    if (changes.length > 0) await this.tx.manager.getRepository(SubjectChange).insert(changes);
  }

  /** Removes a subject's field-value history (erasure); returns how many entries went. */
  async deleteHistory(subjectId: string): Promise<number> {
    const result = await this.tx.manager.getRepository(SubjectChange).delete({ subjectId });
    return result.affected ?? 0;
  }

  history(subjectId: string): Promise<SubjectChange[]> {
    return this.tx.manager
      .getRepository(SubjectChange)
      .find({ where: { subjectId }, order: { at: 'DESC', field: 'ASC' } });
  }
}
