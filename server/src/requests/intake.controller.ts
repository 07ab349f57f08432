import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { JURISDICTIONS, SUBMITTABLE_KINDS } from '@privacy-desk/shared';
import type { Jurisdiction, SubmittableKind } from '@privacy-desk/shared';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { CurrentActor, RequireApiKey } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { validationError } from '../common/errors/domain-errors.js';
import { RequestsService } from './requests.service.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class IntakeRequestDto {
  @ApiProperty({ enum: SUBMITTABLE_KINDS })
  @IsIn(SUBMITTABLE_KINDS, { message: `must be one of: ${SUBMITTABLE_KINDS.join(', ')}` })
  kind: SubmittableKind;

  @ApiPropertyOptional({ enum: JURISDICTIONS })
  @IsOptional()
  @IsIn(JURISDICTIONS, { message: `must be one of: ${JURISDICTIONS.join(', ')}` })
  jurisdiction?: Jurisdiction;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(200)
  requesterName: string;

  @ApiProperty({ description: 'Already verified by the integrating system' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(320)
  requesterEmail: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When your system received it (default: now); not in the future',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  receivedAt?: string;

  @ApiProperty({ type: Object, description: 'Kind-specific details' })
  @IsObject({ message: 'must be an object' })
  payload: Record<string, unknown>;
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
  constructor(private readonly requests: RequestsService) {}

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
    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : new Date();
    if (receivedAt.getTime() > Date.now() + 60_000)
      throw validationError({ receivedAt: 'cannot be in the future' });
    const { request } = await this.requests.create(actor, {
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
    const clock = this.requests.clockOf(request);
    return {
      id: request.id,
      reference: request.reference,
      status: request.status,
      dueDate: clock.dueDate,
      clockExplanation: clock.explanation,
    };
  }
}
