import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { CurrentActor, RequireApiKey } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ReceivedOnPolicy } from './received-on.js';
import { RequestSubmissionDto } from './request.dto.js';
import { RequestClocks } from './request-clock.js';
import { RequestIntakeService } from './request-intake.service.js';

export class IntakeRequestDto extends RequestSubmissionDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When your system received it (default: now); not in the future',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be a date and time such as 2026-03-31T09:30:00Z' })
  receivedAt?: string;
}

export class IntakeAcceptedDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() clockExplanation: string;
}

/** Other systems (a website backend, a CRM) hand requests over with an API key. */
@ApiTags('intake')
@Controller('intake')
export class IntakeController {
  constructor(
    private readonly intake: RequestIntakeService,
    private readonly clocks: RequestClocks,
    private readonly receivedOn: ReceivedOnPolicy,
  ) {}

  @Post('requests')
  @RequireApiKey('requests:create')
  @ApiOperation({
    summary: 'Hand over a request verified by your system; it joins the queue at once',
  })
  @ApiCreatedResponse({ type: IntakeAcceptedDto })
  @ApiUnauthorizedResponse({ description: '`invalid_api_key`: missing, unknown or revoked key' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: IntakeRequestDto,
  ): Promise<IntakeAcceptedDto> {
    const receivedAt = this.receivedOn.receivedAtFromInstant(body.receivedAt);
    const { request } = await this.intake.create(actor, {
      kind: body.kind,
      channel: 'api',
      jurisdiction: body.jurisdiction,
      requesterName: body.requesterName,
      requesterEmail: body.requesterEmail,
      receivedAt,
      payload: body.payload,
      status: 'new',
      notifyRequester: true,
    });
    const clock = this.clocks.of(request);
    return {
      id: request.id,
      reference: request.reference,
      status: request.status,
      dueDate: clock.dueDate,
      clockExplanation: clock.explanation,
    };
  }
}
