import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';
import type { MailTemplate } from './templates.js';

/**
 * `queued`: waiting for its `mail.deliver` job; `sent`: accepted by the SMTP server; `held`:
 * no SMTP server is configured, so it stays here for staff to read in the console; `failed`:
 * the last delivery attempt failed (see `lastError`).
 */
export const MAIL_STATUSES = ['queued', 'sent', 'held', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** One email to a requester, written in the transaction of the change that calls for it. */
@Entity('mail_outbox')
@Index('IDX_mail_outbox_status_created_at', ['status', 'createdAt'])
export class MailMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The recipient's address: personal data, never logged or written to the audit trail. */
  @Column({ name: 'to_address', type: 'varchar', length: 320 })
  to: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  /**
   * Plain text, free of live secrets: a single-use link appears as a mask
   * (`VERIFICATION_LINK_MASK`), never as itself. This is what staff read.
   */
  @Column({ type: 'text' })
  body: string;

  /**
   * The link the mask stands for, sealed (AES-256-GCM) with SECRET_KEY. Never returned by the
   * API; the delivery job opens it to render the body it sends, then wipes it.
   */
  @Column({ name: 'sealed_link', type: 'text', nullable: true })
  sealedLink: string | null;

  @Column({ type: 'varchar', length: 64 })
  template: MailTemplate;

  @Column({ type: 'varchar', length: 16 })
  status: MailStatus;

  /** The privacy request this message is about (a plain reference, not a foreign key). */
  @Index('IDX_mail_outbox_request_id')
  @Column({ name: 'request_id', type: 'varchar', length: 36, nullable: true })
  requestId: string | null;

  @Index('IDX_mail_outbox_created_at')
  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'sent_at', type: TIMESTAMP, nullable: true })
  sentAt: Date | null;

  /** Delivery attempts made so far. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The Message-ID header of the delivered message. */
  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId: string | null;
}
