import { Injectable } from '@nestjs/common';
import { CORRECTABLE_FIELDS } from '@privacy-desk/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { RequestKindHandler } from './request-kind.js';
import type { PayloadRules } from './request-kind.js';

class CorrectionItem {
  @IsIn(CORRECTABLE_FIELDS, { message: `must be one of: ${CORRECTABLE_FIELDS.join(', ')}` })
  field: string;

  @IsString()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(500)
  requestedValue: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

class CorrectionPayloadDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one field to correct' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CorrectionItem)
  corrections: CorrectionItem[];
}

export const correctionPayload: PayloadRules = { dto: CorrectionPayloadDto };

/** "Review and request updates … correct such inaccuracies" (the policy). */
@Injectable()
export class CorrectionKind extends RequestKindHandler {
  readonly kind = 'correction' as const;
}
