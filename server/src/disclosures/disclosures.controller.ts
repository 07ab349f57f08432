import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { CsvExportService, batchOf } from '../exports/csv-export.service.js';
import { AccountingService } from './accounting.service.js';
import {
  AccountingQueryDto,
  RecordDisclosureDto,
  ReviewDecisionDto,
  UpdateDisclosureDto,
} from './disclosure.dto.js';
import { DisclosuresService } from './disclosures.service.js';

const RecordId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('disclosures')
@Controller()
export class DisclosuresController {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly accounting: AccountingService,
    private readonly csv: CsvExportService,
  ) {
    csv.register(
      'disclosures',
      // The export reads its own columns in one statement a batch (not list + present).
      () => async (p) => batchOf(await this.disclosures.exportPage(p), (rows) => rows),
    );
  }

  @Get('disclosures')
  @RequirePermission('disclosures.read')
  @ApiOperation({
    summary: 'List disclosures',
    description:
      'Filters: q (reference, recipient), basis, recipientType, reviewStatus, disclosedFrom, disclosedTo, gag, subjectId, legalProcessId, aggregated, amendsId. Sort: disclosedAt, reference, recipientName, basis, reviewStatus, createdAt, updatedAt.',
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() params: ListParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (params.format === 'csv') return this.csv.stream(actor, 'disclosures', params, res);
    const page = await this.disclosures.list(params);
    return this.disclosures.present(sendList(res, 'disclosures', page), actor);
  }

  @Get('disclosures/:id')
  @RequirePermission('disclosures.read')
  @ApiOperation({ summary: 'One disclosure, with its subjects, cited flags and amendments' })
  async get(@CurrentActor() actor: Actor, @RecordId() id: string) {
    return (await this.disclosures.present([await this.disclosures.get(id)], actor, true))[0];
  }

  @Post('disclosures')
  @RequirePermission('disclosures.record')
  @ApiOperation({
    summary: 'Record a disclosure (enters pending review); amendsId corrects an approved one',
  })
  @ApiCreatedResponse()
  async record(@CurrentActor() actor: Actor, @Body() body: RecordDisclosureDto) {
    const disclosure = await this.disclosures.record(actor, body);
    return (await this.disclosures.present([disclosure], actor, true))[0];
  }

  @Put('disclosures/:id')
  @RequirePermission('disclosures.record')
  @ApiOperation({ summary: 'Correct a disclosure while it is pending review or returned' })
  @ApiConflictResponse({ description: 'Approved (immutable), or changed since loaded' })
  async update(
    @CurrentActor() actor: Actor,
    @RecordId() id: string,
    @Body() body: UpdateDisclosureDto,
  ) {
    const disclosure = await this.disclosures.update(actor, id, body);
    return (await this.disclosures.present([disclosure], actor, true))[0];
  }

  @Post('disclosures/:id/approve')
  @HttpCode(200)
  @RequirePermission('disclosures.review')
  @ApiOperation({ summary: 'Approve a disclosure pending review (four eyes)' })
  @ApiForbiddenResponse({ description: '`four_eyes`: you recorded it or decided a cited flag' })
  async approve(
    @CurrentActor() actor: Actor,
    @RecordId() id: string,
    @Body() body: ReviewDecisionDto,
  ) {
    const disclosure = await this.disclosures.review(actor, id, 'approve', body);
    return (await this.disclosures.present([disclosure], actor, true))[0];
  }

  @Post('disclosures/:id/return')
  @HttpCode(200)
  @RequirePermission('disclosures.review')
  @ApiOperation({ summary: 'Return a disclosure for correction, with a reason' })
  async return(
    @CurrentActor() actor: Actor,
    @RecordId() id: string,
    @Body() body: ReviewDecisionDto,
  ) {
    const disclosure = await this.disclosures.review(actor, id, 'return', body);
    return (await this.disclosures.present([disclosure], actor, true))[0];
  }

  @Post('disclosures/:id/resubmit')
  @HttpCode(200)
  @RequirePermission('disclosures.record')
  @ApiOperation({ summary: 'Resubmit a returned disclosure for review' })
  async resubmit(
    @CurrentActor() actor: Actor,
    @RecordId() id: string,
    @Body() body: ReviewDecisionDto,
  ) {
    const disclosure = await this.disclosures.review(actor, id, 'resubmit', body);
    return (await this.disclosures.present([disclosure], actor, true))[0];
  }

  @Get('subjects/:id/disclosures')
  @RequirePermission('disclosures.read')
  @ApiOperation({
    summary: "A subject's accounting of disclosures",
    description:
      'view=staff (default) or subject (approved only, gagged entries left out with no trace, repeats grouped); format=json or csv; periodStart/periodEnd default to the six years before today.',
  })
  @ApiOkResponse()
  async subjectAccounting(
    @RecordId() id: string,
    @Query() query: AccountingQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const accounting = await this.accounting.accounting(id, query);
    if (query.format !== 'csv') return accounting;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="disclosures-${accounting.view}-${accounting.periodEnd}.csv"`,
    );
    return this.accounting.toCsv(accounting);
  }
}
