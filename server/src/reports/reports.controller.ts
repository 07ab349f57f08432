import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import type { ReportFile } from './report-exports.service.js';
import { ReportExportsService } from './report-exports.service.js';
import { ReportsService } from './reports.service.js';

/** A file download: never cached, named for the report and its parameters. */
function send(res: Response, file: ReportFile): StreamableFile {
  res.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(Buffer.from(file.body), {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
  });
}

/** The three reports, as JSON for the console and as files (CSV, PDF) for filing. */
@ApiTags('reports')
@ApiForbiddenResponse({ description: 'Files also need `reports.export`' })
@ApiUnprocessableEntityResponse({ description: 'A bad year, period, date or format' })
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ReportExportsService,
  ) {}

  @Get('ccpa-metrics')
  @RequirePermission('reports.read')
  @ApiOperation({ summary: 'CCPA §7102 metrics for a calendar year, per request kind' })
  @ApiQuery({ name: 'year', example: '2026' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'pdf'] })
  @ApiOkResponse()
  async ccpaMetrics(
    @CurrentActor() actor: Actor,
    @Query('year') year: unknown,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const as = this.exports.format(format, ['csv', 'pdf']);
    if (!as) return this.reports.ccpaMetrics(year);
    return send(res, await this.exports.ccpaMetrics(actor, year, as));
  }

  @Get('transparency')
  @RequirePermission('reports.read')
  @ApiOperation({ summary: 'Transparency report on legal process for a half-year, per type' })
  @ApiQuery({ name: 'period', example: '2026-H1' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOkResponse()
  async transparency(
    @CurrentActor() actor: Actor,
    @Query('period') period: unknown,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const as = this.exports.format(format, ['csv']);
    if (!as) return this.reports.transparency(period);
    return send(res, await this.exports.transparency(actor, period, as));
  }

  @Get('sla')
  @RequirePermission('reports.read')
  @ApiOperation({ summary: 'On-time and late counts and median days, per assignee and kind' })
  @ApiQuery({ name: 'from', example: '2026-01-01' })
  @ApiQuery({ name: 'to', example: '2026-12-31' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOkResponse()
  async sla(
    @CurrentActor() actor: Actor,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const as = this.exports.format(format, ['csv']);
    if (!as) return this.reports.sla(from, to);
    return send(res, await this.exports.sla(actor, from, to, as));
  }
}
