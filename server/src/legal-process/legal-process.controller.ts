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
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { LEGAL_PROCESS_ACTIONS } from '@privacy-desk/shared';
import type { LegalProcessDto } from '@privacy-desk/shared';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { CsvExportService, batchOf } from '../exports/csv-export.service.js';
import type { LegalProcess } from './legal-process.entity.js';
import {
  CreateLegalProcessDto,
  LegalProcessActionDto,
  ReturnReviewDto,
  ReviewVersionDto,
  UpdateLegalProcessDto,
} from './legal-process.dto.js';
import { LegalProcessResponseService } from './legal-process-response.service.js';
import { LegalProcessService } from './legal-process.service.js';

const LegalProcessId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('legal-process')
@Controller('legal-process')
export class LegalProcessController {
  constructor(
    private readonly processes: LegalProcessService,
    private readonly responses: LegalProcessResponseService,
    private readonly csv: CsvExportService,
  ) {
    csv.register(
      'legal-process',
      (actor) => async (p) =>
        batchOf(await this.processes.list(p), (rows) => this.processes.present(rows, actor)),
    );
  }

  private async one(actor: Actor, process: LegalProcess): Promise<LegalProcessDto> {
    return (await this.processes.present([process], actor, true))[0]!;
  }

  @Get()
  @RequirePermission('disclosures.read')
  @ApiOperation({
    summary: 'List legal process',
    description:
      'Filters: q (reference, case number, authority), type, status, reviewStatus, gag (true: a gag order in force), view (overdue, due_soon), subjectId. Sort: reference, receivedAt, responseDueAt, status, type.',
  })
  @ApiOkResponse({ description: 'LegalProcessDto[] (shared/src/disclosure-log-api.ts)' })
  async list(
    @CurrentActor() actor: Actor,
    @Query() params: ListParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (params.format === 'csv') return this.csv.stream(actor, 'legal-process', params, res);
    const page = await this.processes.list(params);
    return this.processes.present(sendList(res, 'legal-process', page), actor);
  }

  @Get(':id')
  @RequirePermission('disclosures.read')
  @ApiOperation({ summary: 'One legal process, with its subjects, disclosures and review state' })
  async get(@CurrentActor() actor: Actor, @LegalProcessId() id: string) {
    return this.one(actor, await this.processes.get(id));
  }

  @Post()
  @RequirePermission('disclosures.record')
  @ApiOperation({ summary: 'Record legal process received (a court order, subpoena, …)' })
  @ApiCreatedResponse({ description: 'LegalProcessDto' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateLegalProcessDto) {
    return this.one(actor, await this.processes.record(actor, body));
  }

  @Put(':id')
  @RequirePermission('disclosures.record')
  @ApiOperation({ summary: 'Edit while received or under review (or a returned response)' })
  @ApiConflictResponse({ description: '`not_editable` or `stale_version`' })
  async update(
    @CurrentActor() actor: Actor,
    @LegalProcessId() id: string,
    @Body() body: UpdateLegalProcessDto,
  ) {
    return this.one(actor, await this.processes.update(actor, id, body));
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  @RequirePermission('disclosures.record')
  @ApiOperation({
    summary: 'Take a life-cycle action (see shared/src/legal-process-lifecycle.ts)',
    description: 'respond with a producing outcome carries `productions`: the disclosures made.',
  })
  @ApiParam({ name: 'action', enum: LEGAL_PROCESS_ACTIONS })
  @ApiConflictResponse({ description: '`illegal_transition` or `stale_version`' })
  async act(
    @CurrentActor() actor: Actor,
    @LegalProcessId() id: string,
    @Param('action') action: string,
    @Body() body: LegalProcessActionDto,
  ) {
    return this.one(actor, await this.responses.act(actor, id, action, body));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('disclosures.review')
  @ApiOperation({ summary: 'Approve the response (never by whoever recorded it or its response)' })
  @ApiForbiddenResponse({ description: '`four_eyes`: you recorded it or its response' })
  async approve(
    @CurrentActor() actor: Actor,
    @LegalProcessId() id: string,
    @Body() body: ReviewVersionDto,
  ) {
    return this.one(actor, await this.responses.review(actor, id, 'approve', body));
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission('disclosures.review')
  @ApiOperation({ summary: 'Return the response for correction, with a reason' })
  async returnForCorrection(
    @CurrentActor() actor: Actor,
    @LegalProcessId() id: string,
    @Body() body: ReturnReviewDto,
  ) {
    return this.one(actor, await this.responses.review(actor, id, 'return', body));
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @RequirePermission('disclosures.record')
  @ApiOperation({ summary: 'Resubmit a corrected response for review' })
  async resubmit(
    @CurrentActor() actor: Actor,
    @LegalProcessId() id: string,
    @Body() body: ReviewVersionDto,
  ) {
    return this.one(actor, await this.responses.review(actor, id, 'resubmit', body));
  }
}
