import { Module } from '@nestjs/common';
import { RateLimitCounterRepository } from '../common/http/rate-limit-counter.repository.js';
import { RateLimitGuard } from '../common/http/rate-limit.js';
import { DisclosuresModule } from '../disclosures/disclosures.module.js';
import { MailModule } from '../mail/mail.module.js';
import { RequestPackagesModule } from '../request-packages/request-packages.module.js';
import { SubjectsModule } from '../subjects/subjects.module.js';
import { SuppressionsModule } from '../suppressions/suppressions.module.js';
import { AccessPackageRepository } from './access/access-package.repository.js';
import { AccessController } from './access/access.controller.js';
import { AccessService } from './access/access.service.js';
import { SubjectSuppressions } from './access/subject-suppressions.js';
import { SuppressionListEntries } from './access/suppression-list-entries.js';
import { CorrectionController } from './correction/correction.controller.js';
import { CorrectionRepository } from './correction/correction.repository.js';
import { CorrectionService } from './correction/correction.service.js';
import { CorrectionView } from './correction/correction-view.js';
import { IntakeController } from './intake.controller.js';
import { GagNoticeKind, requestKindProviders } from './kinds/index.js';
import { MinorReviewController } from './minor-review.controller.js';
import { MinorReviewService } from './minor-review.service.js';
import { PublicRequestsController } from './public-requests.controller.js';
import { PublicRequestsService } from './public-requests.service.js';
import { ReceivedOnPolicy } from './received-on.js';
import { RequestClocks } from './request-clock.js';
import { RequestEvents } from './request-events.js';
import { RequestIntakeService } from './request-intake.service.js';
import { RequestLeasePolicy } from './request-lease.js';
import { RequestLifecycleService } from './request-lifecycle.service.js';
import { RequestMailer } from './request-mailer.js';
import { RequestQueueService } from './request-queue.service.js';
import { RequestVerificationService } from './request-verification.service.js';
import { RequestRepository } from './request.repository.js';
import { RequestsController } from './requests.controller.js';
import { RequestsService } from './requests.service.js';

@Module({
  imports: [
    SubjectsModule,
    MailModule,
    DisclosuresModule,
    SuppressionsModule,
    RequestPackagesModule,
  ],
  controllers: [
    RequestsController,
    PublicRequestsController,
    IntakeController,
    MinorReviewController,
    CorrectionController,
    AccessController,
  ],
  providers: [
    RequestsService,
    RequestIntakeService,
    RequestLifecycleService,
    RequestQueueService,
    RequestClocks,
    RequestMailer,
    PublicRequestsService,
    RequestRepository,
    RateLimitGuard,
    RateLimitCounterRepository,
    RequestEvents,
    RequestLeasePolicy,
    RequestVerificationService,
    ReceivedOnPolicy,
    MinorReviewService,
    CorrectionRepository,
    CorrectionView,
    CorrectionService,
    ...requestKindProviders,
    AccessService,
    AccessPackageRepository,
    { provide: SubjectSuppressions, useClass: SuppressionListEntries },
  ],
  exports: [
    RequestsService,
    RequestIntakeService,
    RequestLifecycleService,
    RequestEvents,
    GagNoticeKind,
  ],
})
export class RequestsModule {}
