import { Injectable } from '@nestjs/common';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { MailMessage } from './mail-message.entity.js';
import type { MailStatus } from './mail-message.entity.js';
import { insertRow } from '../common/persistence/plain-writes.js';

@Injectable()
export class MailRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(MailMessage);
  }

  /** The caller sets every column, so the row is not read back for its defaults (`attempts`). */
  async insert(message: MailMessage): Promise<void> {
    await insertRow(this.tx.manager, MailMessage, message);
  }

  findById(id: string): Promise<MailMessage | null> {
    return this.repo.findOneBy({ id });
  }

  findPage(query: ListQuery): Promise<Page<MailMessage>> {
    return findPage(this.repo.createQueryBuilder('mail'), query);
  }

  /** Messages that still carry a sealed link (not sent yet), for re-encryption. */
  findSealed(): Promise<Pick<MailMessage, 'id' | 'sealedLink'>[]> {
    return this.repo
      .createQueryBuilder('mail')
      .select(['mail.id', 'mail.sealedLink'])
      .where('mail.sealedLink IS NOT NULL')
      .getMany();
  }

  async updateSealedLink(id: string, sealedLink: string): Promise<void> {
    await this.repo.update({ id }, { sealedLink });
  }

  /** Messages held for want of an SMTP server, oldest first. */
  findHeld(): Promise<Pick<MailMessage, 'id' | 'template'>[]> {
    return this.repo.find({
      select: { id: true, template: true },
      where: { status: 'held' },
      order: { createdAt: 'ASC' },
    });
  }

  /** Moves one held message to `queued`; false if it is no longer held. */
  async claimHeld(id: string): Promise<boolean> {
    const result = await this.repo.update({ id, status: 'held' }, { status: 'queued' });
    return (result.affected ?? 0) === 1;
  }

  /** Sets a message's status (and counts a delivery attempt when `attempted`). */
  async updateStatus(
    id: string,
    fields: {
      status: MailStatus;
      lastError?: string | null;
      sentAt?: Date;
      messageId?: string;
      sealedLink?: null;
    },
    attempted: boolean,
  ): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(MailMessage)
      .set(attempted ? { ...fields, attempts: () => 'attempts + 1' } : fields)
      .where('id = :id', { id })
      .execute();
  }

  /** Records one delivery attempt (counted atomically) and its outcome. */
  async recordAttempt(
    id: string,
    outcome: {
      status: MailStatus;
      lastError: string | null;
      sentAt?: Date;
      messageId?: string;
      /** Wiped once the message is sent: the live link is no longer needed. */
      sealedLink?: null;
    },
  ): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(MailMessage)
      .set({ ...outcome, attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .execute();
  }
}
