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
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { REQUEST_ACTION_LABELS, REQUEST_ACTIONS } from '@privacy-desk/shared';
import type { RequestAction } from '@privacy-desk/shared';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { validationError } from '../common/errors/domain-errors.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { CsvExportService, batchOf } from '../exports/csv-export.service.js';
import {
  ActionDto,
  AssignDto,
  AssigneeDto,
  BulkAssignDto,
  BulkRejectDto,
  BulkResultsDto,
  ClaimNextDto,
  ClockDto,
  EntryDefaultsDto,
  ExtendDto,
  LeaseDto,
  LinkSubjectDto,
  NoteDto,
  RequestDto,
  RequestEventDto,
  ResolveDuplicateDto,
  StaffEntryDto,
} from './request.dto.js';
import { ReceivedOnPolicy } from './received-on.js';
import { RequestLeasePolicy } from './request-lease.js';
import { RequestIntakeService } from './request-intake.service.js';
import { RequestLifecycleService } from './request-lifecycle.service.js';
import { RequestQueueService } from './request-queue.service.js';
import { RequestVerificationService } from './request-verification.service.js';
import { RequestsService } from './requests.service.js';
import { oneOf } from '../common/errors/messages.js';

const RequestId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));
/** Actions staff take through the generic route; assignment has its own (managers). */
const PROCESS_ACTIONS: RequestAction[] = REQUEST_ACTIONS.filter(
  (a) => a !== 'assign' && a !== 'verify',
);

@ApiTags('requests')
@Controller('requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly intake: RequestIntakeService,
    private readonly lifecycle: RequestLifecycleService,
    private readonly queue: RequestQueueService,
    private readonly verification: RequestVerificationService,
    private readonly lease: RequestLeasePolicy,
    private readonly receivedOn: ReceivedOnPolicy,
    private readonly csv: CsvExportService,
  ) {
    csv.register(
      'requests',
      (actor) => async (p) =>
        batchOf(await this.requests.list(p, actor), (rows) => this.requests.present(rows, actor)),
    );
  }

  @Get()
  @RequirePermission('requests.read')
  @ApiOperation({
    summary: 'List requests',
    description:
      'Filters: view (mine, unassigned, overdue, due_soon, all), status, kind, channel, jurisdiction, assigneeId, subjectId, q. Sort: dueAt, receivedAt, reference, status, updatedAt, kind.',
  })
  @ApiOkResponse({ type: [RequestDto] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() params: ListParamsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (params.format === 'csv') return this.csv.stream(actor, 'requests', params, res);
    const page = await this.requests.list(params, actor);
    return this.requests.present(sendList(res, 'requests', page), actor);
  }

  @Get('assignees')
  @RequirePermission('requests.assign')
  @ApiOperation({ summary: 'Active staff members a request can be assigned to' })
  @ApiOkResponse({ type: [AssigneeDto] })
  assignees() {
    return this.requests.assignees();
  }

  @Get('entry-defaults')
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'The desk’s time zone and today’s date in it (the default “Received on”)',
  })
  @ApiOkResponse({ type: EntryDefaultsDto })
  entryDefaults(): EntryDefaultsDto {
    return { timeZone: this.receivedOn.timeZone, today: this.receivedOn.today() };
  }

  @Post()
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Enter a request received by phone, post or email (skips email verification)',
  })
  @ApiCreatedResponse({ type: RequestDto })
  async create(@CurrentActor() actor: Actor, @Body() body: StaffEntryDto) {
    const { request } = await this.intake.create(actor, {
      kind: body.kind,
      channel: body.channel,
      jurisdiction: body.jurisdiction,
      requesterName: body.requesterName,
      requesterEmail: body.requesterEmail,
      receivedAt: this.receivedOn.receivedAtFromDate(body.receivedAt),
      payload: body.payload,
      subjectId: body.subjectId,
      enteredById: actor.id,
      status: 'new',
      notifyRequester: true,
    });
    return (await this.requests.present([request], actor))[0];
  }

  @Post('claim-next')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Take the unassigned new request that is due soonest (optionally of one kind)',
  })
  @ApiOkResponse({ type: RequestDto })
  @ApiNotFoundResponse({ description: '`queue_empty`: nothing is waiting' })
  async claimNext(@CurrentActor() actor: Actor, @Body() body: ClaimNextDto) {
    return (await this.requests.present([await this.queue.claimNext(actor, body.kind)], actor))[0];
  }

  @Post('bulk/assign')
  @HttpCode(200)
  @RequirePermission('requests.assign')
  @ApiOperation({ summary: 'Assign several requests; answers per id' })
  @ApiOkResponse({ type: BulkResultsDto })
  async bulkAssign(@CurrentActor() actor: Actor, @Body() body: BulkAssignDto) {
    return {
      results: await this.queue.bulk(actor, body.ids, 'assign', { assigneeId: body.assigneeId }),
    };
  }

  @Post('bulk/reject')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({ summary: 'Reject several requests with one reason; answers per id' })
  @ApiOkResponse({ type: BulkResultsDto })
  async bulkReject(@CurrentActor() actor: Actor, @Body() body: BulkRejectDto) {
    return {
      results: await this.queue.bulk(actor, body.ids, 'reject', {
        reason: body.reason,
        denialReason: body.denialReason,
      }),
    };
  }

  @Get(':id')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: 'One request, with the actions the caller may take now' })
  @ApiOkResponse({ type: RequestDto })
  async get(@CurrentActor() actor: Actor, @RequestId() id: string) {
    return (await this.requests.present([await this.requests.get(id)], actor))[0];
  }

  @Get(':id/timeline')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: 'The request’s timeline, newest first' })
  @ApiOkResponse({ type: [RequestEventDto] })
  async timeline(@RequestId() id: string): Promise<RequestEventDto[]> {
    return (await this.requests.timeline(id)).map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      actorLabel: e.actorLabel,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      summary: e.summary,
      body: e.body,
      mailStatus: e.mailStatus,
    }));
  }

  @Get(':id/clock')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: 'The due date explained in words' })
  @ApiOkResponse({ type: ClockDto })
  clock(@RequestId() id: string) {
    return this.requests.presentClock(id);
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({ summary: 'Take a life-cycle action (see the state table in shared/)' })
  @ApiParam({ name: 'action', enum: PROCESS_ACTIONS })
  @ApiOkResponse({ type: RequestDto })
  @ApiConflictResponse({ description: '`illegal_transition`, `stale_version` or `not_assignee`' })
  async act(
    @CurrentActor() actor: Actor,
    @RequestId() id: string,
    @Param('action') action: string,
    @Body() body: ActionDto,
  ) {
    if (!PROCESS_ACTIONS.includes(action as RequestAction)) {
      throw validationError({ action: oneOf(PROCESS_ACTIONS, REQUEST_ACTION_LABELS).message });
    }
    const done =
      action === 'resend_verification'
        ? await this.verification.resend(actor, id, body)
        : action === 'mark_verified'
          ? await this.verification.markVerified(actor, id, body)
          : await this.lifecycle.act(actor, id, action as RequestAction, body);
    return (await this.requests.present([done], actor))[0];
  }

  @Post(':id/lease')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Heartbeat: the holder of a claim is active on it; renews its lease',
    description:
      'The console sends this while the request page is visible and its user has interacted recently. A manager’s assignment has no lease (answered as such).',
  })
  @ApiOkResponse({ type: LeaseDto })
  @ApiConflictResponse({ description: '`not_assignee`: the caller does not hold this request' })
  heartbeat(@CurrentActor() actor: Actor, @RequestId() id: string): Promise<LeaseDto> {
    return this.lease.heartbeat(actor, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission('requests.assign')
  @ApiOperation({ summary: 'Assign or reassign to a staff member (managers)' })
  @ApiOkResponse({ type: RequestDto })
  async assign(@CurrentActor() actor: Actor, @RequestId() id: string, @Body() body: AssignDto) {
    return (
      await this.requests.present([await this.lifecycle.act(actor, id, 'assign', body)], actor)
    )[0];
  }

  @Post(':id/extend')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Extend the deadline once, with a reason, before the original due date',
  })
  @ApiOkResponse({ type: RequestDto })
  @ApiConflictResponse({ description: '`extension_not_allowed` with the reason' })
  async extend(@CurrentActor() actor: Actor, @RequestId() id: string, @Body() body: ExtendDto) {
    return (await this.requests.present([await this.lifecycle.extend(actor, id, body)], actor))[0];
  }

  @Post(':id/notes')
  @RequirePermission('requests.process')
  @ApiOperation({ summary: 'Add an internal note to the timeline' })
  @ApiCreatedResponse({ type: RequestEventDto })
  async note(
    @CurrentActor() actor: Actor,
    @RequestId() id: string,
    @Body() body: NoteDto,
  ): Promise<RequestEventDto> {
    const e = await this.lifecycle.addNote(actor, id, body.body);
    return {
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      actorLabel: e.actorLabel,
      fromStatus: null,
      toStatus: null,
      summary: e.summary,
      body: e.body,
      mailStatus: null,
    };
  }

  @Post(':id/duplicate')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Settle a likely duplicate: merge it into the original, or keep it separate',
  })
  @ApiOkResponse({ type: RequestDto })
  @ApiConflictResponse({
    description:
      '`not_a_duplicate`, `stale_version`, or `illegal_transition` when it can no longer be closed',
  })
  async resolveDuplicate(
    @CurrentActor() actor: Actor,
    @RequestId() id: string,
    @Body() body: ResolveDuplicateDto,
  ) {
    return (
      await this.requests.present([await this.lifecycle.resolveDuplicate(actor, id, body)], actor)
    )[0];
  }

  @Post(':id/link-subject')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({ summary: 'Link the request to a subject by hand' })
  @ApiOkResponse({ type: RequestDto })
  async linkSubject(
    @CurrentActor() actor: Actor,
    @RequestId() id: string,
    @Body() body: LinkSubjectDto,
  ) {
    return (
      await this.requests.present([await this.lifecycle.linkSubject(actor, id, body)], actor)
    )[0];
  }
}
