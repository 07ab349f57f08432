import { Injectable } from '@nestjs/common';
import { sha256Hex } from '../common/crypto/secrets.js';
import { TransactionService } from '../database/transaction.service.js';
import { LoginThrottle } from './login-throttle.entity.js';

/** Failures are counted per tried email without storing the address. */
export function loginAccountKey(normalisedEmail: string): string {
  return sha256Hex(`privacy-desk-login:${normalisedEmail}`);
}

@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(LoginThrottle);
  }

  find(accountKey: string, source: string): Promise<LoginThrottle | null> {
    return this.repo.findOneBy({ accountKey, source });
  }

  /**
   * Counts one failure atomically (concurrent attempts on any instance must not lose a count).
   * A count whose last failure is older than `quietSince` starts again from one. An uncounted
   * attempt runs the same statements, so that every refusal costs the database the same.
   */
  async recordFailure(
    accountKey: string,
    source: string,
    now: Date,
    quietSince: Date,
    /** False for an attempt refused unchecked: the same statements run, nothing is counted. */
    counted = true,
  ): Promise<LoginThrottle> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .into(LoginThrottle)
      .values({ accountKey, source, failures: 0, lastFailureAt: now, lockedUntil: null })
      .orIgnore()
      .execute();
    await this.repo
      .createQueryBuilder()
      .update(LoginThrottle)
      .set({ failures: 0 })
      .where('account_key = :accountKey AND source = :source AND last_failure_at < :quietSince', {
        accountKey,
        source,
        quietSince: counted ? quietSince : new Date(0),
      })
      .andWhere('(locked_until IS NULL OR locked_until < :now)', { now })
      .execute();
    await this.repo
      .createQueryBuilder()
      .update(LoginThrottle)
      .set(
        counted
          ? { failures: () => 'failures + 1', lastFailureAt: now }
          : { failures: () => 'failures' },
      )
      .where('account_key = :accountKey AND source = :source', { accountKey, source })
      .execute();
    return this.repo.findOneByOrFail({ accountKey, source });
  }

  async lock(accountKey: string, source: string, until: Date): Promise<void> {
    await this.repo.update({ accountKey, source }, { lockedUntil: until });
  }

  /** A successful sign-in from this source forgets its failures. */
  async clear(accountKey: string, source: string): Promise<void> {
    await this.repo.delete({ accountKey, source });
  }

  /** An admin's unlock: every source may try this account again. */
  async clearAccount(accountKey: string): Promise<number> {
    const result = await this.repo.delete({ accountKey });
    return result.affected ?? 0;
  }

  /** Drops counts that have gone quiet and whose lock (if any) has passed. */
  async purge(now: Date, quietSince: Date): Promise<number> {
    const result = await this.repo
      .createQueryBuilder()
      .delete()
      .from(LoginThrottle)
      .where('last_failure_at < :quietSince', { quietSince })
      .andWhere('(locked_until IS NULL OR locked_until < :now)', { now })
      .execute();
    return result.affected ?? 0;
  }
}
