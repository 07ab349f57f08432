import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { SecretBox } from '../common/crypto/secrets.js';
import { notFound, validationError } from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import { MAIL_STATUSES, MailMessage } from './mail-message.entity.js';
import type { MailStatus } from './mail-message.entity.js';
import { MailRepository } from './mail.repository.js';
import { isMailTemplate, MAIL_TEMPLATE_NAMES, renderMail } from './templates.js';
import type { MailTemplateData, MailTemplate } from './templates.js';

export const MAIL_DELIVER_JOB = 'mail.deliver';

/** The payload of a `mail.deliver` job: the outbox row's id, never the address or the text. */
export interface MailDeliverPayload {
  messageId: string;
}

/** What staff read in a verification email's body instead of the single-use link. */
export const VERIFICATION_LINK_MASK = '[confirmation link: sent to the requester, not shown]';

/** What staff read in a package mail's body instead of the download link. */
export const DOWNLOAD_LINK_MASK = '[download link: sent to the requester, not shown]';

/** The masks a sealed link may stand behind; each is replaced by the link at send time. */
const SECRET_LINK_MASKS = [VERIFICATION_LINK_MASK, DOWNLOAD_LINK_MASK];

export interface QueueMail<K extends MailTemplate> {
  to: string;
  template: K;
  data: MailTemplateData[K];
  /** The privacy request the message is about. */
  requestId?: string | null;
  /** Who caused the message, for the audit entry; the system by default. */
  actor?: Actor;
  /**
   * A live secret link the body shows only as a mask (`VERIFICATION_LINK_MASK`,
   * `DOWNLOAD_LINK_MASK`): kept sealed beside
   * the message and put into it by the delivery job at send time.
   */
  secretLink?: string;
}

export interface QueueVerificationMail {
  to: string;
  reference: string;
  /** The single-use token (only its hash is kept on the request). */
  token: string;
  expiresAt: Date;
  requestId: string;
  actor?: Actor;
}

/** Told when an outbox message changes status (in the transaction that changes it). */
export type MailStatusListener = (message: {
  id: string;
  template: MailTemplate;
  status: MailStatus;
}) => Promise<void>;

export const OUTBOX_LIST_SPEC: ListSpec = {
  sortable: { createdAt: 'createdAt', sentAt: 'sentAt', status: 'status' },
  filterable: {
    status: { column: 'status', kind: 'exact', values: MAIL_STATUSES },
    template: { column: 'template', kind: 'exact', values: MAIL_TEMPLATE_NAMES },
    requestId: { column: 'requestId', kind: 'exact' },
    q: { column: 'to', kind: 'search', columns: ['to', 'subject'] },
    id: { column: 'id', kind: 'exact' },
  },
  defaultSort: ['createdAt', 'DESC'],
};

/**
 * The mail outbox. A message is written in the transaction of the change that calls for it,
 * together with the job that delivers it, so a rolled-back change sends nothing. Without
 * SMTP_URL messages are `held`: they stay in the outbox and staff read them in the console.
 */
@Injectable()
export class MailService implements OnApplicationBootstrap {
  private readonly secretBox: SecretBox;
  private readonly logger = new Logger('Mail');
  private readonly listeners: MailStatusListener[] = [];

  constructor(
    private readonly outbox: MailRepository,
    private readonly runner: JobRunnerService,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.secretBox = new SecretBox(config.env.SECRET_KEY, config.env.SECRET_KEY_PREVIOUS);
  }

  /** Registers a listener for status changes after queueing (sent, failed, released). */
  onStatusChange(listener: MailStatusListener): void {
    this.listeners.push(listener);
  }

  /** Records a message's new status and tells the listeners; inside the caller's transaction. */
  async changeStatus(
    message: Pick<MailMessage, 'id' | 'template'>,
    status: MailStatus,
    extra: {
      lastError?: string | null;
      sentAt?: Date;
      messageId?: string;
      sealedLink?: null;
      attempted?: boolean;
    } = {},
  ): Promise<void> {
    const { attempted, ...fields } = extra;
    await this.outbox.updateStatus(message.id, { status, ...fields }, attempted ?? false);
    for (const listener of this.listeners)
      await listener({ id: message.id, template: message.template, status });
  }

  /**
   * At start, with SMTP_URL now set: mail held while there was no SMTP server is queued for
   * delivery, each message with its job, its timeline event saying so, and one audit entry.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.env.SMTP_URL) return;
    const released = await this.releaseHeld();
    if (released > 0)
      this.logger.log(`Released ${released} held message(s) for delivery now that SMTP_URL is set`);
  }

  /** Queues every held message for delivery; returns how many. */
  async releaseHeld(): Promise<number> {
    if (!this.config.env.SMTP_URL) return 0;
    let released = 0;
    for (const held of await this.tx.run(() => this.outbox.findHeld())) {
      await this.tx.run(async () => {
        // Another instance starting at the same moment may have taken it.
        if (!(await this.outbox.claimHeld(held.id))) return;
        await this.runner.enqueue(MAIL_DELIVER_JOB, {
          messageId: held.id,
        } satisfies MailDeliverPayload);
        for (const listener of this.listeners)
          await listener({ id: held.id, template: held.template, status: 'queued' });
        await this.audit.record(SYSTEM_ACTOR, {
          action: 'mail.released',
          entityType: 'mail',
          entityId: held.id,
          summary: `Queued a held ${held.template} email for delivery (SMTP is now configured)`,
        });
        released += 1;
      });
    }
    return released;
  }

  /** An absolute link to a path of this server (`/verify/abc` → `https://host/verify/abc`). */
  publicUrl(path: string): string {
    return `${this.config.env.PUBLIC_BASE_URL}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** The link a verification token is confirmed through. */
  verificationUrl(token: string): string {
    return this.publicUrl(`/privacy/verify?token=${encodeURIComponent(token)}`);
  }

  /**
   * The one way to mail a confirmation link (first mail, or a resend with a new token). The
   * outbox keeps the body with the link masked, so no staff member or admin can read a usable
   * token; the link itself is sealed with SECRET_KEY and rendered only when the mail is sent.
   * Call it inside the caller's `TransactionService.run`.
   */
  queueVerification(input: QueueVerificationMail): Promise<MailMessage> {
    return this.queue({
      to: input.to,
      template: 'verification',
      data: {
        reference: input.reference,
        verifyUrl: VERIFICATION_LINK_MASK,
        expiresAt: input.expiresAt.toISOString(),
      },
      requestId: input.requestId,
      actor: input.actor,
      secretLink: this.verificationUrl(input.token),
    });
  }

  /** The body as it is sent: the mask replaced by the sealed link, when there is one. */
  renderForDelivery(message: MailMessage): string {
    if (!message.sealedLink) return message.body;
    const link = this.secretBox.open(message.sealedLink);
    return SECRET_LINK_MASKS.reduce((body, mask) => body.split(mask).join(link), message.body);
  }

  /**
   * Renders `template` and puts the message in the outbox. Call it inside the caller's
   * `TransactionService.run`, like `AuditService.record`.
   */
  async queue<K extends MailTemplate>(input: QueueMail<K>): Promise<MailMessage> {
    if (!this.tx.inTransaction) {
      throw new Error('MailService.queue must run inside TransactionService.run');
    }
    if (!isMailTemplate(input.template)) {
      throw new Error(`Unknown mail template ${String(input.template)}`);
    }
    const to = input.to.trim();
    if (to.length > 320 || !isEmail(to)) {
      throw validationError({ to: 'The recipient must be a valid email address' });
    }
    const requestId = input.requestId ?? null;
    if (requestId !== null && requestId.length > 36) {
      throw new Error('requestId must be the id of a privacy request');
    }
    const { subject, body } = renderMail(input.template, input.data);
    if (input.secretLink !== undefined && !SECRET_LINK_MASKS.some((mask) => body.includes(mask))) {
      throw new Error(
        'A secret link needs the mask in the body, where it is rendered at send time',
      );
    }
    const message = Object.assign(new MailMessage(), {
      id: randomUUID(),
      to,
      subject: subject.slice(0, 300),
      body,
      sealedLink: input.secretLink === undefined ? null : this.secretBox.seal(input.secretLink),
      template: input.template,
      status: this.config.env.SMTP_URL ? 'queued' : 'held',
      requestId,
      createdAt: this.clock.now(),
      sentAt: null,
      attempts: 0,
      lastError: null,
      messageId: null,
    } satisfies MailMessage);
    await this.outbox.insert(message);
    if (message.status === 'queued') {
      await this.runner.enqueue(MAIL_DELIVER_JOB, {
        messageId: message.id,
      } satisfies MailDeliverPayload);
    }
    await this.audit.record(input.actor ?? SYSTEM_ACTOR, {
      action: 'mail.queued',
      entityType: 'mail',
      entityId: message.id,
      summary:
        message.status === 'queued'
          ? `Queued ${input.template} email`
          : `Queued ${input.template} email (held in the outbox: no SMTP server is configured)`,
    });
    return message;
  }

  list(params: RawListParams) {
    return this.outbox.findPage(parseListQuery(params, OUTBOX_LIST_SPEC));
  }

  async get(id: string): Promise<MailMessage> {
    const message = await this.outbox.findById(id);
    if (!message) throw notFound('Message');
    return message;
  }
}
