import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { SendReportDto } from './disclosure-report.dto.js';
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
      'Preview the disclosure report (the subject’s view of the period, as JSON and the letter as HTML); once sent, the kept copy (its files: GET /api/request-packages/:packageId/content)',
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
}
