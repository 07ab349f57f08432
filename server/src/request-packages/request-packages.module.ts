import { Module } from '@nestjs/common';
import { RateLimitCounterRepository } from '../common/http/rate-limit-counter.repository.js';
import { RateLimitGuard } from '../common/http/rate-limit.js';
import { MailModule } from '../mail/mail.module.js';
import { RequestEvents } from '../requests/request-events.js';
import { RequestRepository } from '../requests/request.repository.js';
import { PackageDownloadsController } from './package-downloads.controller.js';
import { RequestPackageRepository } from './request-package.repository.js';
import { RequestPackagesController } from './request-packages.controller.js';
import { RequestPackagesService } from './request-packages.service.js';

/**
 * Packages delivered to requesters (access, disclosure report): kept with the request, sent as
 * an expiring, count-limited download link. It does not import RequestsModule (which imports
 * this one); it writes timeline lines with its own RequestEvents (stateless, same table).
 */
@Module({
  imports: [MailModule],
  controllers: [PackageDownloadsController, RequestPackagesController],
  providers: [
    RequestPackagesService,
    RequestPackageRepository,
    RequestEvents,
    RequestRepository,
    RateLimitGuard,
    RateLimitCounterRepository,
  ],
  exports: [RequestPackagesService],
})
export class RequestPackagesModule {}
