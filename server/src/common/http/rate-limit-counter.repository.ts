import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { TransactionService } from '../../database/transaction.service.js';
import { RateLimitCounter } from './rate-limit-counter.entity.js';

@Injectable()
export class RateLimitCounterRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(RateLimitCounter);
  }

  /** Counts one hit atomically (every instance adds to the same row) and returns the total. */
  async hit(key: string, windowEndsAt: Date): Promise<number> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .into(RateLimitCounter)
      .values({ key, hits: 0, windowEndsAt })
      .orIgnore()
      .execute();
    await this.repo
      .createQueryBuilder()
      .update(RateLimitCounter)
      .set({ hits: () => 'hits + 1' })
      .where('key = :key', { key })
      .execute();
    return (await this.repo.findOneByOrFail({ key })).hits;
  }

  async purge(now: Date): Promise<number> {
    return (await this.repo.delete({ windowEndsAt: LessThan(now) })).affected ?? 0;
  }
}
