import { Module } from '@nestjs/common';
import { DisclosureReportsModule } from '../disclosure-reports/disclosure-reports.module.js';
import { DisclosuresModule } from '../disclosures/disclosures.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { GagLapseJob } from './gag-lapse.job.js';
import { LegalProcessController } from './legal-process.controller.js';
import { LegalProcessRepository } from './legal-process.repository.js';
import { LegalProcessResponseService } from './legal-process-response.service.js';
import { LegalProcessService } from './legal-process.service.js';

/** Court orders, subpoenas and other legal process: record, respond, produce, review, gag lapse. */
@Module({
  imports: [DisclosuresModule, RequestsModule, DisclosureReportsModule],
  controllers: [LegalProcessController],
  providers: [
    LegalProcessService,
    LegalProcessResponseService,
    LegalProcessRepository,
    GagLapseJob,
  ],
  exports: [LegalProcessService, LegalProcessResponseService],
})
export class LegalProcessModule {}
