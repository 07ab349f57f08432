import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { JobDto } from './job.dto.js';
import { JobsService } from './jobs.service.js';

const JobId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @RequirePermission('jobs.manage')
  @ApiOperation({
    summary: 'List background jobs',
    description: 'Filters: status, type, runAt_gte, runAt_lte.',
  })
  @ApiOkResponse({ type: [JobDto] })
  async list(@Query() params: ListParamsDto, @Res({ passthrough: true }) res: Response) {
    const page = await this.jobs.list(params);
    return sendList(res, 'jobs', page).map((job) => JobDto.from(job));
  }

  @Get(':id')
  @RequirePermission('jobs.manage')
  @ApiOperation({ summary: 'One background job' })
  @ApiOkResponse({ type: JobDto })
  async get(@JobId() id: string) {
    return JobDto.from(await this.jobs.get(id));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequirePermission('jobs.manage')
  @ApiOperation({ summary: 'Queue a dead (or waiting) job to run again now, with fresh attempts' })
  @ApiOkResponse({ type: JobDto })
  @ApiConflictResponse({ description: 'The job is running or already succeeded' })
  async retry(@CurrentActor() actor: Actor, @JobId() id: string) {
    return JobDto.from(await this.jobs.retry(actor, id));
  }
}
