import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { renderMail } from '../../mail/templates.js';
import { CurrentActor, RequirePermission } from '../../auth/access.decorators.js';
import type { Actor } from '../../auth/actor.js';
import {
  ApplyCorrectionDto,
  CorrectionDecisionsDto,
  CorrectionLetterDto,
  ResolveFollowUpDto,
} from './correction.dto.js';
import { CorrectionService } from './correction.service.js';

const RequestId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));
const FollowUpId = () => Param('followUpId', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** A correction request's work: the field diff and decisions, apply, recipients, letter. */
@ApiTags('requests')
@Controller('requests/:id/correction')
export class CorrectionController {
  constructor(private readonly corrections: CorrectionService) {}

  @Get()
  @RequirePermission('requests.read')
  @ApiOperation({
    summary: 'The correction diff: each requested field beside the subject’s current value',
  })
  work(@RequestId() id: string) {
    return this.corrections.work(id);
  }

  @Put()
  @RequirePermission('requests.process')
  @ApiOperation({ summary: 'Decide fields (accept, accept edited, decline with a reason)' })
  @ApiUnprocessableEntityResponse({ description: 'A decline without a reason, a bad value' })
  @ApiConflictResponse({
    description:
      '`subject_not_linked`, `not_in_progress`, `not_assignee`, `already_applied`, `subject_changed`, `stale_version`',
  })
  decide(
    @CurrentActor() actor: Actor,
    @RequestId() id: string,
    @Body() body: CorrectionDecisionsDto,
  ) {
    return this.corrections.decide(actor, id, body);
  }

  @Post('apply')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Apply the accepted values to the subject and queue the recipients to notify',
  })
  @ApiConflictResponse({ description: '`subject_changed`, `undecided_fields`, `already_applied`' })
  apply(@CurrentActor() actor: Actor, @RequestId() id: string, @Body() body: ApplyCorrectionDto) {
    return this.corrections.apply(actor, id, body);
  }

  @Post('follow-ups/:followUpId')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({ summary: 'Mark a recipient notified (how, when) or exempt (why)' })
  @ApiConflictResponse({ description: '`follow_up_resolved`, `stale_version`' })
  resolveFollowUp(
    @CurrentActor() actor: Actor,
    @RequestId() id: string,
    @FollowUpId() followUpId: string,
    @Body() body: ResolveFollowUpDto,
  ) {
    return this.corrections.resolveFollowUp(actor, id, followUpId, body);
  }

  @Get('letter')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: 'The completion letter as it would be sent now (nothing is sent)' })
  @ApiOkResponse({ type: CorrectionLetterDto })
  async letter(@RequestId() id: string): Promise<CorrectionLetterDto> {
    return renderMail('correction_completion', await this.corrections.letter(id));
  }
}
