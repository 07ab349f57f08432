import { Injectable } from '@nestjs/common';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { ApiKey } from './api-key.entity.js';
import { findOneRow } from '../common/persistence/plain-reads.js';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(ApiKey);
  }

  async insert(key: ApiKey): Promise<void> {
    await this.repo.insert(key);
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.repo.findOneBy({ id });
  }

  findByPrefix(prefix: string): Promise<ApiKey | null> {
    return findOneRow(this.tx.manager, ApiKey, { prefix });
  }

  findPage(query: ListQuery): Promise<Page<ApiKey>> {
    return findPage(this.repo.createQueryBuilder('apiKey'), query);
  }

  /** Sets revokedAt unless already set. True if this call revoked the key. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(ApiKey)
      .set({ revokedAt: at })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Records a use, unless one was recorded since `notBefore` (by this or another instance). */
  async touch(id: string, at: Date, notBefore: Date): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(ApiKey)
      .set({ lastUsedAt: at })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at < :notBefore)', {
        id,
        notBefore,
      })
      .execute();
  }
}
