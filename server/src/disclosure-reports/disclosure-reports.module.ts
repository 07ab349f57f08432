import { Module } from '@nestjs/common';
import { DisclosuresModule } from '../disclosures/disclosures.module.js';
import { RequestPackagesModule } from '../request-packages/request-packages.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { DisclosureReportFollowUps } from './disclosure-report-follow-ups.js';
import { DisclosureReportRepository } from './disclosure-report.repository.js';
import { DisclosureReportsController } from './disclosure-reports.controller.js';
import { DisclosureReportsService } from './disclosure-reports.service.js';

/**
 * The disclosure report kind's work: preview, send (keep the copy, complete the request), and
 * the follow-up the gag-lapse job queues for reports a gag order made incomplete.
 */
@Module({
  imports: [RequestsModule, DisclosuresModule, RequestPackagesModule],
  controllers: [DisclosureReportsController],
  providers: [DisclosureReportsService, DisclosureReportFollowUps, DisclosureReportRepository],
  exports: [DisclosureReportFollowUps],
})
export class DisclosureReportsModule {}
