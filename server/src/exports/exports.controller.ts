import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { CreateExportDto, ExportJobDto, ExportSettingsDto } from './export-job.dto.js';
import { ExportJobsService } from './export-jobs.service.js';

const ExportId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportJobsService,
    private readonly clock: Clock,
  ) {}

  @Get('settings')
  @RequirePermission('reports.export')
  @ApiOperation({ summary: 'From how many rows the console exports a list in the background' })
  @ApiOkResponse({ type: ExportSettingsDto })
  settings(): ExportSettingsDto {
    return { backgroundThreshold: this.exports.backgroundThreshold };
  }

  @Get()
  @RequirePermission('reports.export')
  @ApiOperation({
    summary: 'My background exports',
    description: 'Filters: status, list. Sort: createdAt, status, list.',
  })
  @ApiOkResponse({ type: [ExportJobDto] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() params: ListParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const page = await this.exports.list(actor, params);
    return sendList(res, 'exports', page).map((job) => ExportJobDto.from(job, this.clock.now()));
  }

  @Post()
  @RequirePermission('reports.export')
  @ApiOperation({ summary: 'Export a list (with its filter and sort) as CSV in the background' })
  @ApiCreatedResponse({ type: ExportJobDto })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateExportDto) {
    return ExportJobDto.from(await this.exports.create(actor, body), this.clock.now());
  }

  @Get(':id')
  @RequirePermission('reports.export')
  @ApiOperation({ summary: 'One of my background exports, with its progress' })
  @ApiOkResponse({ type: ExportJobDto })
  async get(@CurrentActor() actor: Actor, @ExportId() id: string) {
    return ExportJobDto.from(await this.exports.get(actor, id), this.clock.now());
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('reports.export')
  @ApiOperation({ summary: 'Cancel a queued or running export (409 once it ended)' })
  @ApiOkResponse({ type: ExportJobDto })
  async cancel(@CurrentActor() actor: Actor, @ExportId() id: string) {
    return ExportJobDto.from(await this.exports.cancel(actor, id), this.clock.now());
  }

  @Get(':id/download')
  @RequirePermission('reports.export')
  @ApiOperation({
    summary: 'The CSV of a finished export: its owner only, for 24 hours (410 after)',
  })
  download(
    @CurrentActor() actor: Actor,
    @ExportId() id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.exports.download(actor, id, res);
  }
}
