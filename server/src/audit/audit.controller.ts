import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { CsvExportService, batchOf } from '../exports/csv-export.service.js';
import type { Actor } from '../auth/actor.js';
import { SequenceParamPipe } from '../common/http/sequence-param.js';
import { AuditEntryDto, ChainVerdictDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly csv: CsvExportService,
  ) {
    csv.register(
      'audit',
      () => async (p) =>
        batchOf(await this.audit.list(p), (rows) => rows.map((entry) => AuditEntryDto.from(entry))),
    );
  }

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({
    summary: 'List audit entries',
    description:
      'Filters: action, entityType, entityId, actorId, actorType, at_gte, at_lte, q. Sort: seq, at, action, entityType.',
  })
  @ApiOkResponse({ type: [AuditEntryDto] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() params: ListParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (params.format === 'csv') return this.csv.stream(actor, 'audit', params, res);
    const { page, labels } = await this.audit.listLabelled(actor, params);
    return sendList(res, 'audit', page).map((entry) => AuditEntryDto.from(entry, labels));
  }

  @Get('verify')
  @RequirePermission('audit.read')
  @ApiOperation({
    summary: 'Verify the keyed hash chain and its checkpoints',
    description:
      'Recomputes every MAC and link, and compares the chain with every signed checkpoint; lists every entry that was edited, deleted, reordered, re-hashed or cut from the tail.',
  })
  @ApiOkResponse({ type: ChainVerdictDto })
  verify() {
    return this.audit.verify();
  }

  @Get(':seq')
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'One audit entry' })
  @ApiOkResponse({ type: AuditEntryDto })
  async get(
    @CurrentActor() actor: Actor,
    @Param('seq', new SequenceParamPipe('Audit entry')) seq: number,
  ) {
    const { entry, labels } = await this.audit.getLabelled(actor, seq);
    return AuditEntryDto.from(entry, labels);
  }
}
