import { Module } from '@nestjs/common';
import { RateLimitCounterRepository } from '../common/http/rate-limit-counter.repository.js';
import { RateLimitGuard } from '../common/http/rate-limit.js';
import { MailModule } from '../mail/mail.module.js';
import { SubjectsModule } from '../subjects/subjects.module.js';
import { IntakeController } from './intake.controller.js';
import { PublicRequestsController } from './public-requests.controller.js';
import { PublicRequestsService } from './public-requests.service.js';
import { ReceivedOnPolicy } from './received-on.js';
import { RequestEvents } from './request-events.js';
import { RequestLeasePolicy } from './request-lease.js';
import { RequestVerificationService } from './request-verification.service.js';
import { RequestRepository } from './request.repository.js';
import { RequestsController } from './requests.controller.js';
import { RequestsService } from './requests.service.js';

@Module({
  imports: [SubjectsModule, MailModule],
  controllers: [RequestsController, PublicRequestsController, IntakeController],
  providers: [
    RequestsService,
    PublicRequestsService,
    RequestRepository,
    RateLimitGuard,
    RateLimitCounterRepository,
    RequestEvents,
    RequestLeasePolicy,
    RequestVerificationService,
    ReceivedOnPolicy,
  ],
  exports: [RequestsService],
})
export class RequestsModule {}
