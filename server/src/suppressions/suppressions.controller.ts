import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  CurrentActor,
  RequirePermission,
  RequirePermissionOrApiKey,
} from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { CsvExportService, batchOf } from '../exports/csv-export.service.js';
import { OptOutPanelService } from './opt-out-panel.service.js';
import { ScrubService } from './scrub.service.js';
import {
  OptOutCheckDto,
  OptOutPanelDto,
  ScrubQueryDto,
  SuppressionCheckQueryDto,
  SuppressionCheckResultDto,
  SuppressionDto,
  TickCheckDto,
} from './suppression.dto.js';
import { SuppressionsService } from './suppressions.service.js';

const RequestId = () => Param('requestId', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));
const CheckId = () => Param('checkId', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/**
 * The suppression (opt-out) list, for staff and for the company's other systems (API keys
 * with `suppressions:read`). There is no route that deletes or edits an entry: only a
 * verified opt-in request from the person revokes one.
 */
@ApiTags('suppressions')
@Controller('suppressions')
export class SuppressionsController {
  constructor(
    private readonly suppressions: SuppressionsService,
    private readonly scrubs: ScrubService,
    private readonly panels: OptOutPanelService,
    private readonly csv: CsvExportService,
  ) {
    csv.register(
      'suppressions',
      () => async (p) =>
        batchOf(await this.suppressions.list(p), (rows) => this.suppressions.present(rows)),
    );
  }

  @Get()
  @RequirePermissionOrApiKey('suppressions.read', 'suppressions:read')
  @ApiOperation({
    summary: 'List suppression entries',
    description:
      'Filters: q (value, hash or request reference), channel, scope, subjectId, sourceRequestId, active (true/false). Sort: effectiveAt, createdAt, stopBy, channel, scope, revokedAt, sourceReference.',
  })
  @ApiOkResponse({ type: [SuppressionDto] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() params: ListParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (params.format === 'csv') return this.csv.stream(actor, 'suppressions', params, res);
    const page = await this.suppressions.list(params);
    return this.suppressions.present(sendList(res, 'suppressions', page));
  }

  @Get('check')
  @RequirePermissionOrApiKey('suppressions.read', 'suppressions:read')
  @ApiOperation({ summary: 'Is this email (or phone) suppressed? For which scopes, since when' })
  @ApiOkResponse({ type: SuppressionCheckResultDto })
  check(@Query() query: SuppressionCheckQueryDto) {
    return this.suppressions.check(query);
  }

  @Post('scrub')
  @HttpCode(200)
  @RequirePermissionOrApiKey('suppressions.read', 'suppressions:read')
  @ApiOperation({
    summary: 'Scrub a mailing list: streams back the rows that are suppressed, as CSV',
    description:
      'Body (streamed, any size up to 10,000,000 rows): text/csv with an `email` or a `sha256` column (SHA-256 hex of the trimmed, lower-cased email), or application/x-ndjson lines {"email": …} or {"sha256": …}. Optional ?scope=marketing_contact|partner_sharing.',
  })
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({ schema: { type: 'string' } })
  @ApiProduces('text/csv')
  async scrub(
    @CurrentActor() actor: Actor,
    @Query() query: ScrubQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.scrubs.scrub(actor, req, res, query.scope ?? null);
  }

  @Get('requests/:requestId')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: "An opt-out request's entries and downstream checklist" })
  @ApiOkResponse({ type: OptOutPanelDto })
  panel(@RequestId() requestId: string): Promise<OptOutPanelDto> {
    return this.panels.panel(requestId);
  }

  @Post('requests/:requestId/checks/:checkId/done')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({ summary: 'Confirm one downstream checklist item (audited)' })
  @ApiOkResponse({ type: OptOutCheckDto })
  tick(
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @CheckId() checkId: string,
    @Body() body: TickCheckDto,
  ): Promise<OptOutCheckDto> {
    return this.panels.tick(actor, requestId, checkId, body);
  }

  @Get(':id')
  @RequirePermissionOrApiKey('suppressions.read', 'suppressions:read')
  @ApiOperation({ summary: 'One suppression entry' })
  @ApiOkResponse({ type: SuppressionDto })
  async get(@Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return (await this.suppressions.present([await this.suppressions.get(id)]))[0];
  }
}
