import { Module } from '@nestjs/common';
import { RateLimitCounterRepository } from '../common/http/rate-limit-counter.repository.js';
import { RateLimitGuard } from '../common/http/rate-limit.js';
import { MailModule } from '../mail/mail.module.js';
import { SubjectsModule } from '../subjects/subjects.module.js';
import { IntakeController } from './intake.controller.js';
import { PublicRequestsController } from './public-requests.controller.js';
import { PublicRequestsService } from './public-requests.service.js';
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
  ],
  exports: [RequestsService],
})
export class RequestsModule {}
