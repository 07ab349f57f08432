import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { RetentionReportDto } from './retention.dto.js';
import { RetentionService } from './retention.service.js';

@ApiTags('retention')
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('preview')
  @RequirePermission('retention.read')
  @ApiOperation({
    summary: 'Dry run of the retention purge: the periods, and what a run now would purge',
  })
  @ApiOkResponse({ type: RetentionReportDto })
  preview() {
    return this.retention.preview();
  }

  @Post('run')
  @HttpCode(200)
  @RequirePermission('retention.purge')
  @ApiOperation({
    summary: 'Purge now what is past its retention period (audited with counts per table)',
  })
  @ApiOkResponse({ type: RetentionReportDto })
  run(@CurrentActor() actor: Actor) {
    return this.retention.run(actor);
  }
}
