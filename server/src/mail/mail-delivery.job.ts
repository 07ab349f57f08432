import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock/clock.js';
import { TransactionService } from '../database/transaction.service.js';
import type { Job } from '../jobs/job.entity.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import { MailRepository } from './mail.repository.js';
import { MAIL_DELIVER_JOB, MailService } from './mail.service.js';
import type { MailDeliverPayload } from './mail.service.js';
import { MailTransport } from './mail-transport.js';

/** What is kept of an SMTP failure on the outbox row (which holds the address anyway). */
function describeFailure(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const tags = [e.code, e.responseCode].filter((t) => t !== undefined && t !== null).join(' ');
  const message = typeof e.message === 'string' ? e.message : String(error);
  return (tags ? `${tags}: ${message}` : message).slice(0, 2000);
}

/**
 * The error handed to the job runner: its message lands in the `jobs` table, which stays free
 * of personal data, so it carries the SMTP codes and not the server's text (which can quote
 * the recipient's address).
 */
export class MailDeliveryError extends Error {
  constructor(error: unknown) {
    const e = error as { code?: unknown; responseCode?: unknown };
    const tags = [e.code, e.responseCode].filter((t) => t !== undefined && t !== null);
    super(
      `SMTP delivery failed${tags.length ? ` (${tags.join(', ')})` : ''}; see the outbox message`,
    );
    this.name = 'MailDeliveryError';
  }
}

/**
 * Delivers outbox messages: the `mail.deliver` job. Not transactional (the SMTP conversation
 * cannot be rolled back), so delivery is at least once: a crash between the server's answer
 * and the row update sends the message again on the next attempt.
 */
@Injectable()
export class MailDeliveryJob implements OnModuleInit {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly runner: JobRunnerService,
    private readonly outbox: MailRepository,
    private readonly transport: MailTransport,
    private readonly tx: TransactionService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runner.register(MAIL_DELIVER_JOB, (payload, job) => this.deliver(payload, job), {
      transactional: false,
      onDead: (payload) => this.giveUp(payload),
    });
  }

  /**
   * The delivery job died (its last attempt failed, or its worker stopped during it): a
   * message still waiting becomes `failed`, and its timeline event says so. Runs in the
   * transaction that buries the job.
   */
  async giveUp(payload: unknown): Promise<void> {
    const { messageId: id } = payload as MailDeliverPayload;
    const message = await this.outbox.findById(id);
    if (!message || message.status !== 'queued') return;
    await this.mail.changeStatus(message, 'failed', {
      lastError: message.lastError ?? 'Delivery stopped before the SMTP server answered',
    });
    this.logger.warn(`Outbox message ${id} failed: its delivery job died`);
  }

  async deliver(payload: unknown, job: Job): Promise<void> {
    const { messageId: id } = payload as MailDeliverPayload;
    const message = await this.tx.run(() => this.outbox.findById(id));
    if (!message) {
      this.logger.warn(`Outbox message ${id} no longer exists; nothing to deliver`);
      return;
    }
    // Sent already (a repeated job), or held back on purpose: nothing to do.
    if (message.status !== 'queued' && message.status !== 'failed') return;

    let smtpMessageId: string;
    try {
      smtpMessageId = await this.transport.send({
        to: message.to,
        subject: message.subject,
        text: this.mail.renderForDelivery(message),
      });
    } catch (error) {
      const lastAttempt = job.attempts >= job.maxAttempts;
      await this.tx.run(() =>
        lastAttempt
          ? this.mail.changeStatus(message, 'failed', {
              lastError: describeFailure(error),
              attempted: true,
            })
          : this.outbox.recordAttempt(id, { status: 'queued', lastError: describeFailure(error) }),
      );
      this.logger.warn(
        `Delivery of outbox message ${id} failed on attempt ${job.attempts} of ${job.maxAttempts}`,
      );
      throw new MailDeliveryError(error);
    }
    await this.tx.run(() =>
      this.mail.changeStatus(message, 'sent', {
        lastError: null,
        sentAt: this.clock.now(),
        messageId: smtpMessageId.slice(0, 255),
        sealedLink: null,
        attempted: true,
      }),
    );
    this.logger.log(`Delivered outbox message ${id} (${message.template})`);
  }
}
