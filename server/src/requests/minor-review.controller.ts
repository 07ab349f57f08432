import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { MinorCorrectDobDto, MinorEraseDto } from './minor-review.dto.js';
import { MinorReviewService } from './minor-review.service.js';
import { RequestDto } from './request.dto.js';
import { RequestsService } from './requests.service.js';

const RequestId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** The two actions that settle a minor review; each completes the request. */
@ApiTags('requests')
@Controller('requests/:id/minor-review')
export class MinorReviewController {
  constructor(
    private readonly minorReview: MinorReviewService,
    private readonly requests: RequestsService,
  ) {}

  @Post('erase')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Confirm the age and erase the subject’s personal data; completes the request',
  })
  @ApiOkResponse({ type: RequestDto })
  @ApiConflictResponse({
    description:
      '`stale_version`, `illegal_transition`, `not_assignee`, `wrong_kind`, `subject_erased`',
  })
  async erase(@CurrentActor() actor: Actor, @RequestId() id: string, @Body() body: MinorEraseDto) {
    return (await this.requests.present([await this.minorReview.erase(actor, id, body)], actor))[0];
  }

  @Post('correct-dob')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Correct the date of birth to one that makes the subject 18+; completes the request',
  })
  @ApiOkResponse({ type: RequestDto })
  @ApiUnprocessableEntityResponse({ description: 'A date that is not real, future, or under 18' })
  @ApiConflictResponse({
    description:
      '`stale_version`, `illegal_transition`, `not_assignee`, `wrong_kind`, `subject_erased`',
  })
  async correctDob(
    @CurrentActor() actor: Actor,
    @RequestId() id: string,
    @Body() body: MinorCorrectDobDto,
  ) {
    return (
      await this.requests.present(
        [await this.minorReview.correctDateOfBirth(actor, id, body)],
        actor,
      )
    )[0];
  }
}
