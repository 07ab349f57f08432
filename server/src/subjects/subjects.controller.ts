import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
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
import { CreateSubjectDto, SubjectChangeDto, SubjectDto, UpdateSubjectDto } from './subject.dto.js';
import { SubjectsService } from './subjects.service.js';

const SubjectId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('subjects')
@Controller('subjects')
export class SubjectsController {
  constructor(
    private readonly subjects: SubjectsService,
    private readonly csv: CsvExportService,
  ) {
    csv.register(
      'subjects',
      () => async (p) =>
        batchOf(await this.subjects.list(p), (rows) => rows.map((s) => SubjectDto.from(s))),
    );
  }

  @Get()
  @RequirePermission('subjects.read')
  @ApiOperation({
    summary: 'Search subjects',
    description: 'Filters: q (name, email, phone in any format, company), email, isMinor, id.',
  })
  @ApiOkResponse({ type: [SubjectDto] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() params: ListParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (params.format === 'csv') return this.csv.stream(actor, 'subjects', params, res);
    const page = await this.subjects.list(params);
    return sendList(res, 'subjects', page).map((s) => SubjectDto.from(s));
  }

  @Get(':id')
  @RequirePermission('subjects.read')
  @ApiOperation({ summary: 'One subject' })
  @ApiOkResponse({ type: SubjectDto })
  async get(@SubjectId() id: string) {
    return SubjectDto.from(await this.subjects.get(id));
  }

  @Get(':id/history')
  @RequirePermission('subjects.read')
  @ApiOperation({ summary: 'Field-level change history, newest first' })
  @ApiOkResponse({ type: [SubjectChangeDto] })
  history(@SubjectId() id: string) {
    return this.subjects.history(id);
  }

  @Post()
  @RequirePermission('subjects.manage')
  @ApiOperation({ summary: 'Create a subject' })
  @ApiCreatedResponse({ type: SubjectDto })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateSubjectDto) {
    return SubjectDto.from(await this.subjects.create(actor, body));
  }

  @Put(':id')
  @RequirePermission('subjects.manage')
  @ApiOperation({ summary: 'Edit a subject (kept in the field-level history as a staff edit)' })
  @ApiOkResponse({ type: SubjectDto })
  @ApiConflictResponse({ description: 'Stale version' })
  async update(
    @CurrentActor() actor: Actor,
    @SubjectId() id: string,
    @Body() body: UpdateSubjectDto,
  ) {
    return SubjectDto.from(await this.subjects.update(actor, id, body));
  }
}
