import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ReviewQueueService } from './review-queue.service.js';

@ApiTags('review-queue')
@Controller('review-queue')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @RequirePermission('disclosures.review')
  @ApiOperation({
    summary:
      'What waits for compliance: items pending review, legal process due soon, gag orders lapsing within 30 days, open flags by severity',
  })
  @ApiOkResponse()
  get(@CurrentActor() actor: Actor) {
    return this.queue.queue(actor);
  }
}
