import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';
import { RecoveryCode } from './recovery-code.entity.js';

@Injectable()
export class RecoveryCodeRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(RecoveryCode);
  }

  findUnused(userId: string): Promise<RecoveryCode[]> {
    return this.repo.findBy({ userId, usedAt: IsNull() });
  }

  /** Marks a code used only if it still is unused; false when another request won the race. */
  async markUsed(id: string, at: Date): Promise<boolean> {
    const result = await this.repo.update({ id, usedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) === 1;
  }

  async replaceAll(userId: string, codes: RecoveryCode[]): Promise<void> {
    await this.repo.delete({ userId });
    if (codes.length > 0) await this.repo.insert(codes);
  }
}
