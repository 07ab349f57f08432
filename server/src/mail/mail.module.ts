import { Module } from '@nestjs/common';
import { MailDeliveryJob } from './mail-delivery.job.js';
import { MailTransport } from './mail-transport.js';
import { MailRepository } from './mail.repository.js';
import { MailService } from './mail.service.js';
import { OutboxController } from './outbox.controller.js';

/**
 * Email to requesters: the outbox, its templates, and SMTP delivery through the job runner.
 * Features import this module and call `MailService.queue` inside their transaction.
 */
@Module({
  controllers: [OutboxController],
  providers: [MailService, MailRepository, MailTransport, MailDeliveryJob],
  exports: [MailService],
})
export class MailModule {}
