import { ApiProperty } from '@nestjs/swagger';
import { MAIL_STATUSES } from './mail-message.entity.js';
import type { MailMessage, MailStatus } from './mail-message.entity.js';
import { MAIL_TEMPLATE_NAMES } from './templates.js';
import type { MailTemplate } from './templates.js';

export class OutboxMessageDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Recipient address' }) to: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Plain-text body' }) body: string;
  @ApiProperty({ enum: MAIL_TEMPLATE_NAMES }) template: MailTemplate;
  @ApiProperty({
    enum: MAIL_STATUSES,
    description:
      'queued: waiting for delivery; sent: accepted by the SMTP server; held: no SMTP server is configured, read it here; failed: the last delivery attempt failed',
  })
  status: MailStatus;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The privacy request this message is about',
  })
  requestId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ description: 'Delivery attempts made so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Message-ID of the sent message' })
  messageId: string | null;

  static from(message: MailMessage): OutboxMessageDto {
    return {
      id: message.id,
      to: message.to,
      subject: message.subject,
      body: message.body,
      template: message.template,
      status: message.status,
      requestId: message.requestId,
      createdAt: message.createdAt.toISOString(),
      sentAt: message.sentAt?.toISOString() ?? null,
      attempts: message.attempts,
      lastError: message.lastError,
      messageId: message.messageId,
    };
  }
}
