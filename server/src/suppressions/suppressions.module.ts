import { Module } from '@nestjs/common';
import { OptOutChecklistService } from './opt-out-checklist.service.js';
import { OptOutPanelService } from './opt-out-panel.service.js';
import { ScrubService } from './scrub.service.js';
import { ScrubTables } from './scrub-table.js';
import { SuppressionPartnerSharingOptOuts } from './suppression-partner-opt-outs.js';
import { SuppressionRepository } from './suppression.repository.js';
import { SuppressionsController } from './suppressions.controller.js';
import { SuppressionsService } from './suppressions.service.js';

/**
 * The suppression (opt-out) list. The opt-out request kind calls
 * `SuppressionsService.applyOptOut` and `OptOutChecklistService.createFor` when a request
 * becomes `new`, and `OptOutChecklistService.blockers` before it completes; the disclosure
 * log's `partner_marketing` rule reads `SuppressionPartnerSharingOptOuts`.
 */
@Module({
  controllers: [SuppressionsController],
  providers: [
    SuppressionRepository,
    SuppressionsService,
    OptOutChecklistService,
    OptOutPanelService,
    ScrubService,
    ScrubTables,
    SuppressionPartnerSharingOptOuts,
  ],
  exports: [SuppressionsService, OptOutChecklistService, SuppressionPartnerSharingOptOuts],
})
export class SuppressionsModule {}
