import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ReportCopyQueryDto, SendReportDto } from './disclosure-report.dto.js';
import { DisclosureReportsService } from './disclosure-reports.service.js';

const RequestId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('requests')
@Controller('requests/:id/disclosure-report')
export class DisclosureReportsController {
  constructor(private readonly reports: DisclosureReportsService) {}

  @Get()
  @RequirePermission('requests.read')
  @ApiOperation({
    summary:
      'Preview the disclosure report (the subject’s view of the period, as JSON and the letter as HTML); once sent, the kept copy',
  })
  @ApiOkResponse()
  preview(@RequestId() id: string) {
    return this.reports.preview(id);
  }

  @Post('send')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary:
      'Send the report (HTML and PDF, by download link to the requester), keep the copy, and complete the request',
  })
  @ApiOkResponse()
  @ApiConflictResponse({ description: '`illegal_transition`, `stale_version` or `not_assignee`' })
  send(@CurrentActor() actor: Actor, @RequestId() id: string, @Body() body: SendReportDto) {
    return this.reports.send(actor, id, body.version);
  }

  @Get('copy')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: 'The copy that was sent, as json, html or pdf' })
  async copy(
    @RequestId() id: string,
    @Query() query: ReportCopyQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const format = query.format ?? 'pdf';
    const copy = await this.reports.copy(id, format);
    // The letter is shown as it was sent, never run: no scripts, no requests, its own origin.
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader('Content-Disposition', `${format === 'pdf' ? 'attachment' : 'inline'}; filename="disclosure-report.${format}"`);
    res.type(copy.type).send(copy.body);
  }
}
