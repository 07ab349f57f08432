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
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { VIOLATION_ACTION_LABELS, VIOLATION_ACTIONS } from '@privacy-desk/shared';
import type { ViolationAction } from '@privacy-desk/shared';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { validationError } from '../common/errors/domain-errors.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { CsvExportService, batchOf } from '../exports/csv-export.service.js';
import {
  CreateViolationDto,
  UpdateViolationDto,
  ViolationActionDto,
  ViolationFlagDto,
} from './violation.dto.js';
import { ViolationsService } from './violations.service.js';
import { oneOf } from '../common/errors/messages.js';

const FlagId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('violations')
@Controller('violations')
export class ViolationsController {
  constructor(
    private readonly violations: ViolationsService,
    private readonly csv: CsvExportService,
  ) {
    csv.register(
      'violations',
      (actor) => async (p) =>
        batchOf(await this.violations.list(p), (rows) => this.violations.present(rows, actor)),
    );
  }

  @Get()
  @RequirePermission('violations.read')
  @ApiOperation({
    summary: 'List violation flags',
    description:
      'Filters: q, status, severity, category, subjectId, appealStatus. Sort: createdAt, updatedAt, reference, status, severity (by rank), category, decidedAt.',
  })
  @ApiOkResponse({ type: [ViolationFlagDto] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() params: ListParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (params.format === 'csv') return this.csv.stream(actor, 'violations', params, res);
    const page = await this.violations.list(params);
    return this.violations.present(sendList(res, 'violations', page), actor);
  }

  @Get(':id')
  @RequirePermission('violations.read')
  @ApiOperation({ summary: 'One violation flag, with the actions you may take now' })
  @ApiOkResponse({ type: ViolationFlagDto })
  async get(@CurrentActor() actor: Actor, @FlagId() id: string) {
    return (await this.violations.present([await this.violations.get(id)], actor))[0];
  }

  @Post()
  @RequirePermission('violations.flag')
  @ApiOperation({ summary: 'Flag a subject for a Terms-of-Service violation' })
  @ApiCreatedResponse({ type: ViolationFlagDto })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateViolationDto) {
    return (await this.violations.present([await this.violations.create(actor, body)], actor))[0];
  }

  @Put(':id')
  @RequirePermission('violations.flag')
  @ApiOperation({ summary: 'Edit a flag while it is open or under review' })
  @ApiOkResponse({ type: ViolationFlagDto })
  @ApiConflictResponse({ description: '`stale_version`, or the flag is decided' })
  async update(
    @CurrentActor() actor: Actor,
    @FlagId() id: string,
    @Body() body: UpdateViolationDto,
  ) {
    return (
      await this.violations.present([await this.violations.update(actor, id, body)], actor)
    )[0];
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  @RequirePermission('violations.read')
  @ApiOperation({
    summary: 'Take a life-cycle action (see VIOLATION_TRANSITIONS in shared/)',
    description:
      'Each action needs the permission the table names (violations.decide or violations.flag). An appeal is allowed once; the appeal is decided by a compliance officer other than the one who decided the flag.',
  })
  @ApiParam({ name: 'action', enum: VIOLATION_ACTIONS })
  @ApiOkResponse({ type: ViolationFlagDto })
  @ApiConflictResponse({ description: '`illegal_transition`, `stale_version`, `already_appealed`' })
  async act(
    @CurrentActor() actor: Actor,
    @FlagId() id: string,
    @Param('action') action: string,
    @Body() body: ViolationActionDto,
  ) {
    if (!VIOLATION_ACTIONS.includes(action as ViolationAction)) {
      throw validationError({
        action: oneOf(VIOLATION_ACTIONS, VIOLATION_ACTION_LABELS).message,
      });
    }
    const flag = await this.violations.act(actor, id, action as ViolationAction, body);
    return (await this.violations.present([flag], actor))[0];
  }
}
