import { Injectable } from '@nestjs/common';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { updateVersioned } from '../common/persistence/versioned-update.js';
import { TransactionService } from '../database/transaction.service.js';
import { User } from './user.entity.js';

@Injectable()
export class UserRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(User);
  }

  findById(id: string): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.repo.findOneBy({ email });
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  /**
   * Counts the active admins and, on PostgreSQL, locks their rows until the transaction ends:
   * two admins demoting each other at once would otherwise each count two and leave none.
   * SQLite runs one write transaction at a time, so it needs no lock.
   */
  async countActiveAdminsForUpdate(): Promise<number> {
    const query = this.repo
      .createQueryBuilder('user')
      .select('user.id')
      .where('user.role = :role AND user.active = :active', { role: 'admin', active: true });
    if (this.tx.isPostgres) query.setLock('pessimistic_write');
    return (await query.getMany()).length;
  }

  async insert(user: User): Promise<void> {
    await this.repo.insert(user);
  }

  /**
   * Saves an edit only if the row still has the version the editor loaded, and bumps it.
   * Returns false when someone else changed the row first.
   */
  saveVersioned(user: User): Promise<boolean> {
    return updateVersioned(this.repo, user);
  }

  findPage(query: ListQuery): Promise<Page<User>> {
    return findPage(this.repo.createQueryBuilder('user'), query);
  }

  /** Counts a failed sign-in atomically (concurrent attempts must not lose a count). */
  async incrementFailedLogins(id: string): Promise<number> {
    await this.repo
      .createQueryBuilder()
      .update(User)
      .set({ failedLoginCount: () => 'failed_login_count + 1' })
      .where('id = :id', { id })
      .execute();
    const user = await this.repo.findOneByOrFail({ id });
    return user.failedLoginCount;
  }

  async setLockedUntil(id: string, lockedUntil: Date | null): Promise<void> {
    await this.repo.update({ id }, { lockedUntil });
  }

  /** An admin's unlock; sign-in bookkeeping, so the version is left alone. */
  async clearLockout(id: string): Promise<void> {
    await this.repo.update({ id }, { failedLoginCount: 0, lockedUntil: null });
  }

  /**
   * Sign-in bookkeeping: does not bump the version, so it never makes an admin's edit stale.
   * `lockedUntil` stays: another source may still be locked out of this account.
   */
  async recordSuccessfulLogin(id: string, at: Date): Promise<void> {
    await this.repo.update({ id }, { failedLoginCount: 0, lastLoginAt: at });
  }

  /** Users holding a sealed TOTP secret, current or pending (for re-encryption under a new key). */
  findWithTotpSecrets(): Promise<User[]> {
    return this.repo
      .createQueryBuilder('user')
      .where('user.mfaSecret IS NOT NULL OR user.mfaPendingSecret IS NOT NULL')
      .orderBy('user.id', 'ASC')
      .getMany();
  }

  /** Security-state changes made by the user themself (password, second factor). */
  async updateSecurity(
    id: string,
    changes: Partial<
      Pick<
        User,
        | 'passwordHash'
        | 'mustChangePassword'
        | 'mfaEnabled'
        | 'mfaSecret'
        | 'mfaPendingSecret'
        | 'mfaLastStep'
        | 'updatedAt'
      >
    >,
  ): Promise<void> {
    await this.repo.update({ id }, changes);
  }
}
