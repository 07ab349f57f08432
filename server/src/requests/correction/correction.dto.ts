import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CORRECTABLE_FIELDS,
  CORRECTION_DECISION_LABELS,
  CORRECTION_DECISIONS,
  FOLLOW_UP_EXEMPTION_LABELS,
  FOLLOW_UP_EXEMPTIONS,
  FOLLOW_UP_STATUS_LABELS,
  SUBJECT_FIELD_LABELS,
} from '@privacy-desk/shared';
import type { CorrectableField, CorrectionDecision, FollowUpExemption } from '@privacy-desk/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MultilineText } from '../../common/errors/validation.js';
import { oneOf } from '../../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class FieldDecisionDto {
  @ApiProperty({ enum: CORRECTABLE_FIELDS })
  @IsIn(CORRECTABLE_FIELDS, oneOf(CORRECTABLE_FIELDS, SUBJECT_FIELD_LABELS))
  field: CorrectableField;

  @ApiProperty({ enum: CORRECTION_DECISIONS })
  @IsIn(CORRECTION_DECISIONS, oneOf(CORRECTION_DECISIONS, CORRECTION_DECISION_LABELS))
  decision: CorrectionDecision;

  @ApiPropertyOptional({ description: 'The edited value (accept_edited only)', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  value?: string | null;

  @ApiPropertyOptional({ description: 'Required to decline; why a value was edited' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  reason?: string;
}

/** Staff's decisions on some (or all) of the requested fields, and the evidence notes. */
export class CorrectionDecisionsDto {
  @ApiProperty({ description: 'The decisions’ version you loaded (0 before the first save)' })
  @IsInt()
  @Min(0)
  version: number;

  @ApiProperty({ description: 'The subject version whose current values you were shown' })
  @IsInt()
  @Min(1)
  subjectVersion: number;

  @ApiProperty({ type: [FieldDecisionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FieldDecisionDto)
  decisions: FieldDecisionDto[];

  @ApiPropertyOptional({ nullable: true, description: 'Evidence notes; empty clears them' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  @MultilineText()
  evidenceNotes?: string | null;
}

export class ApplyCorrectionDto {
  @ApiProperty({ description: 'The subject version whose current values you were shown' })
  @IsInt()
  @Min(1)
  subjectVersion: number;
}

export const FOLLOW_UP_OUTCOMES = ['notified', 'exempt'] as const;

/** A recipient was told (how, when), or is exempt (impossible or disproportionate, and why). */
export class ResolveFollowUpDto {
  @ApiProperty() @IsInt() @Min(1) version: number;

  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES })
  @IsIn(FOLLOW_UP_OUTCOMES, oneOf(FOLLOW_UP_OUTCOMES, FOLLOW_UP_STATUS_LABELS))
  outcome: (typeof FOLLOW_UP_OUTCOMES)[number];

  @ApiPropertyOptional({ description: 'notified: how (email to …, partner portal, letter)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  method?: string;

  @ApiPropertyOptional({ description: 'notified: the date, YYYY-MM-DD', format: 'date' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  notifiedOn?: string;

  @ApiPropertyOptional({ enum: FOLLOW_UP_EXEMPTIONS })
  @IsOptional()
  @IsIn(FOLLOW_UP_EXEMPTIONS, oneOf(FOLLOW_UP_EXEMPTIONS, FOLLOW_UP_EXEMPTION_LABELS))
  exemption?: FollowUpExemption;

  @ApiPropertyOptional({ description: 'exempt: the explanation' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  @MultilineText()
  explanation?: string;
}

export class CorrectionLetterDto {
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
}
