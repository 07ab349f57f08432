import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { updateVersioned } from '../../common/persistence/versioned-update.js';
import { TransactionService } from '../../database/transaction.service.js';
import { LegalProcess } from '../../legal-process/legal-process.entity.js';
import { User } from '../../users/user.entity.js';
import {
  CorrectionFieldDecision,
  CorrectionFollowUp,
  CorrectionReview,
} from './correction.entities.js';

/** The only queries over a correction's decisions, review state and recipient follow-ups. */
@Injectable()
export class CorrectionRepository {
  constructor(private readonly tx: TransactionService) {}

  private get reviews() {
    return this.tx.manager.getRepository(CorrectionReview);
  }

  private get decisions() {
    return this.tx.manager.getRepository(CorrectionFieldDecision);
  }

  private get followUps() {
    return this.tx.manager.getRepository(CorrectionFollowUp);
  }

  findReview(requestId: string): Promise<CorrectionReview | null> {
    return this.reviews.findOneBy({ requestId });
  }

  async insertReview(review: CorrectionReview): Promise<void> {
    await this.reviews.insert(review);
  }

  /** Saves only if the row still has the version the caller read, and bumps it. */
  async saveReviewVersioned(review: CorrectionReview): Promise<boolean> {
    const { requestId, version, ...changes } = review;
    const result = await this.reviews.update(
      { requestId, version },
      { ...changes, version: version + 1 },
    );
    if ((result.affected ?? 0) !== 1) return false;
    review.version = version + 1;
    return true;
  }

  decisionsOf(requestId: string): Promise<CorrectionFieldDecision[]> {
    return this.decisions.find({ where: { requestId }, order: { field: 'ASC' } });
  }

  /** Replaces one field's decision (one row per request and field). */
  async putDecision(decision: CorrectionFieldDecision): Promise<void> {
    await this.decisions.delete({ requestId: decision.requestId, field: decision.field });
    await this.decisions.insert(decision);
  }

  followUpsOf(requestId: string): Promise<CorrectionFollowUp[]> {
    return this.followUps.find({
      where: { requestId },
      order: { recipientName: 'ASC', disclosureReference: 'ASC' },
    });
  }

  findFollowUp(requestId: string, id: string): Promise<CorrectionFollowUp | null> {
    return this.followUps.findOneBy({ requestId, id });
  }

  async insertFollowUps(rows: CorrectionFollowUp[]): Promise<void> {
    if (rows.length) await this.followUps.insert(rows);
  }

  saveFollowUpVersioned(row: CorrectionFollowUp): Promise<boolean> {
    return updateVersioned(this.followUps, row);
  }

  async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (!unique.length) return new Map();
    const rows = await this.tx.manager
      .getRepository(User)
      .find({ select: { id: true, name: true }, where: { id: In(unique) } });
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  legalProcesses(ids: (string | null)[]): Promise<LegalProcess[]> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (!unique.length) return Promise.resolve([]);
    return this.tx.manager.getRepository(LegalProcess).findBy({ id: In(unique) });
  }
}
