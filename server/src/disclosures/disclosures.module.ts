import { Module } from '@nestjs/common';
import { AccountingService } from './accounting.service.js';
import { DeskCalendar } from './desk-calendar.js';
import { DisclosureLookups } from './disclosure-lookups.repository.js';
import { DisclosureRepository } from './disclosure.repository.js';
import { DisclosuresController } from './disclosures.controller.js';
import { DisclosuresService } from './disclosures.service.js';
import { SuppressionPartnerSharingOptOuts } from '../suppressions/suppression-partner-opt-outs.js';
import { SuppressionsModule } from '../suppressions/suppressions.module.js';
import { PartnerSharingOptOuts } from './partner-sharing-opt-outs.js';
import { ReviewQueueController } from './review-queue.controller.js';
import { ReviewQueueService } from './review-queue.service.js';

/**
 * The disclosure log: disclosures, their compliance review, a subject's accounting and the
 * review queue. `DisclosuresService.assertChangeable(id)` is the check other features (document
 * uploads) call before attaching anything to a disclosure: 409 once it is approved.
 */
@Module({
  imports: [SuppressionsModule],
  controllers: [DisclosuresController, ReviewQueueController],
  providers: [
    DisclosureRepository,
    DisclosureLookups,
    DeskCalendar,
    DisclosuresService,
    AccountingService,
    ReviewQueueService,
    { provide: PartnerSharingOptOuts, useExisting: SuppressionPartnerSharingOptOuts },
  ],
  exports: [
    DisclosureRepository,
    DisclosuresService,
    PartnerSharingOptOuts,
    AccountingService,
    DeskCalendar,
  ],
})
export class DisclosuresModule {}
