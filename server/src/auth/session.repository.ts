import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { aliasedColumns } from '../common/persistence/plain-reads.js';
import { placeholders } from '../common/persistence/plain-statements.js';
import { TransactionService } from '../database/transaction.service.js';
import { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

@Injectable()
export class SessionRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(Session);
  }

  async insert(session: Session): Promise<void> {
    await this.repo.insert(session);
  }

  /**
   * The session for a token hash with its user (`session.user`, undefined when the user row is
   * gone), in one query: every authenticated request reads both.
   */
  async findWithUserByTokenHash(tokenHash: string): Promise<Session | null> {
    const manager = this.tx.manager;
    const session = aliasedColumns(manager, Session, 'session');
    const user = aliasedColumns(manager, User, 'user');
    if (!session || !user) {
      return this.repo
        .createQueryBuilder('session')
        .leftJoinAndSelect('session.user', 'user')
        .where('session.tokenHash = :tokenHash', { tokenHash })
        .getOne();
    }
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${session.select}, ${user.select}
         FROM ${session.table} "session"
         LEFT JOIN ${user.table} "user" ON ${user.column('id')} = ${session.column('userId')}
        WHERE ${session.column('tokenHash')} = ${placeholders(manager, 1)[0]}`,
      [tokenHash],
    );
    const [row] = rows;
    if (!row) return null;
    const found = session.read(row);
    const userId = row[user.keyOf('id')];
    if (userId !== null && userId !== undefined) found.user = user.read(row);
    return found;
  }

  async touch(id: string, lastSeenAt: Date): Promise<void> {
    await this.repo.update({ id }, { lastSeenAt });
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Ends every session of a user at once (logout everywhere, deactivation, password reset). */
  async deleteAllForUser(userId: string): Promise<number> {
    const result = await this.repo.delete({ userId });
    return result.affected ?? 0;
  }

  async deleteAllForUserExcept(userId: string, keepId: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .delete()
      .where('user_id = :userId AND id <> :keepId', { userId, keepId })
      .execute();
  }

  async deleteExpired(now: Date, idleSince: Date): Promise<number> {
    const absolute = await this.repo.delete({ expiresAt: LessThan(now) });
    const idle = await this.repo.delete({ lastSeenAt: LessThan(idleSince) });
    return (absolute.affected ?? 0) + (idle.affected ?? 0);
  }
}
