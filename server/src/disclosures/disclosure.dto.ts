import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DISCLOSURE_BASES,
  DISCLOSURE_BASIS_LABELS,
  RECIPIENT_TYPE_LABELS,
  RECIPIENT_TYPES,
} from '@privacy-desk/shared';
import type { DataCategory, DisclosureBasis, RecipientType } from '@privacy-desk/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MultilineText, OptionalField } from '../common/errors/validation.js';
import { A_DATE, REQUIRED, YES_OR_NO, anId, oneOf } from '../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class DisclosureSubjectInputDto {
  @ApiProperty()
  @IsUUID('all', anId('a subject'))
  subjectId: string;

  @ApiPropertyOptional({ description: 'Basis tos_violation: the confirmed flag cited' })
  @IsOptional()
  @IsUUID('all', anId('a violation flag'))
  violationFlagId?: string | null;
}

/** What staff record about a disclosure (also what an edit replaces). */
export class DisclosureFieldsDto {
  @ApiPropertyOptional({ description: 'Aggregated, non-personal statistics (no subjects)' })
  @OptionalField()
  @IsBoolean(YES_OR_NO)
  aggregated?: boolean;

  @ApiPropertyOptional({ type: [DisclosureSubjectInputDto] })
  @OptionalField()
  @IsArray({ message: 'must be a list of subjects' })
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => DisclosureSubjectInputDto)
  subjects?: DisclosureSubjectInputDto[];

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(300)
  recipientName: string;

  @ApiProperty({ enum: RECIPIENT_TYPES })
  @IsIn(RECIPIENT_TYPES, oneOf(RECIPIENT_TYPES, RECIPIENT_TYPE_LABELS))
  recipientType: RecipientType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  recipientAddress?: string | null;

  @ApiProperty({ enum: DISCLOSURE_BASES })
  @IsIn(DISCLOSURE_BASES, oneOf(DISCLOSURE_BASES, DISCLOSURE_BASIS_LABELS))
  basis: DisclosureBasis;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(5000)
  @MultilineText()
  purpose: string;

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @IsArray({ message: 'must be a list of data categories' })
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @IsIn(DATA_CATEGORIES, oneOf(DATA_CATEGORIES, DATA_CATEGORY_LABELS, { each: true }))
  dataCategories: DataCategory[];

  @ApiProperty({ format: 'date', description: 'The day it was disclosed; not in the future' })
  @Matches(DATE, A_DATE)
  disclosedAt: string;

  @ApiPropertyOptional({ description: 'Basis legal_process: the legal-process record' })
  @IsOptional()
  @IsUUID('all', anId('a legal process'))
  legalProcessId?: string | null;

  @ApiPropertyOptional({ description: 'Basis consent: the request that evidences it' })
  @IsOptional()
  @IsUUID('all', anId('a request'))
  consentRequestId?: string | null;

  @ApiPropertyOptional({ description: 'Basis consent: the stored document that evidences it' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  consentDocumentSha256?: string | null;

  @ApiPropertyOptional({ description: 'Basis consent: a note of how consent was given' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  consentNote?: string | null;

  @ApiPropertyOptional({ format: 'date', description: 'The day the consent in the note was given' })
  @IsOptional()
  @Matches(DATE, A_DATE)
  consentGivenOn?: string | null;
}

export class RecordDisclosureDto extends DisclosureFieldsDto {
  @ApiPropertyOptional({ description: 'The APPROVED disclosure this one corrects' })
  @IsOptional()
  @IsUUID('all', anId('a disclosure'))
  amendsId?: string | null;
}

export class UpdateDisclosureDto extends DisclosureFieldsDto {
  @ApiProperty({ description: 'The version you loaded; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ReviewDecisionDto {
  @ApiProperty({ description: 'The version you loaded; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Required to return a record for correction' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  reason?: string;
}

export class AccountingQueryDto {
  @ApiPropertyOptional({
    enum: ['staff', 'subject'],
    description: 'subject: the view meant for the person',
  })
  @IsOptional()
  @IsIn(['staff', 'subject'], { message: 'must be the staff view or the subject view' })
  view?: 'staff' | 'subject';

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'must be JSON or CSV' })
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ format: 'date', description: 'Default: six years before today' })
  @IsOptional()
  @Matches(DATE, A_DATE)
  periodStart?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default: today' })
  @IsOptional()
  @Matches(DATE, A_DATE)
  periodEnd?: string;
}
