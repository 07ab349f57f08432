import { Injectable } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { RequestKindHandler } from './request-kind.js';
import type { PayloadRules } from './request-kind.js';

class MinorReviewPayloadDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export const minorReviewPayload: PayloadRules = { dto: MinorReviewPayloadDto };

/** The policy takes no data from anyone under 18: queued when a date of birth says so. */
@Injectable()
export class MinorReviewKind extends RequestKindHandler {
  readonly kind = 'minor_review' as const;
}
