import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  LEGAL_PROCESS_OUTCOME_LABELS,
  LEGAL_PROCESS_OUTCOMES,
  LEGAL_PROCESS_TYPE_LABELS,
  LEGAL_PROCESS_TYPES,
  RECIPIENT_TYPE_LABELS,
  RECIPIENT_TYPES,
} from '@privacy-desk/shared';
import type {
  DataCategory,
  LegalProcessOutcome,
  LegalProcessType,
  RecipientType,
} from '@privacy-desk/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
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
import { REQUIRED, anId, oneOf } from '../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date such as 2026-03-31';
/** One legal process may name thousands of subjects; this is the most one body carries. */
export const MAX_SUBJECTS = 10_000;

/** The fields of a legal process that staff write (record and edit). */
class LegalProcessFieldsDto {
  @ApiProperty({ enum: LEGAL_PROCESS_TYPES })
  @OptionalField()
  @IsIn(LEGAL_PROCESS_TYPES, oneOf(LEGAL_PROCESS_TYPES, LEGAL_PROCESS_TYPE_LABELS))
  type: LegalProcessType;

  @ApiProperty({ description: 'The court or authority that issued it' })
  @OptionalField()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(300)
  issuingAuthority: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  requestingAgency?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  requestingOfficer?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'How the agency and officer were verified',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  identityVerification?: string | null;

  @ApiProperty()
  @OptionalField()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(200)
  jurisdiction: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  caseNumber?: string | null;

  @ApiProperty({
    description: 'When it was received: an instant, or a date (YYYY-MM-DD) in the desk zone',
  })
  @OptionalField()
  @IsString()
  @IsISO8601({ strict: true }, { message: 'must be a date such as 2026-03-31, or a date and time' })
  receivedAt: string;

  @ApiProperty({ format: 'date', description: 'The response date stated on the process' })
  @OptionalField()
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  responseDueOn: string;

  @ApiProperty({ type: [String], description: 'The subjects it names (one to thousands)' })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one subject' })
  @ArrayMaxSize(MAX_SUBJECTS)
  @IsUUID('all', anId('a subject', { each: true }))
  subjectIds: string[];

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one data category' })
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @IsIn(DATA_CATEGORIES, oneOf(DATA_CATEGORIES, DATA_CATEGORY_LABELS, { each: true }))
  dataCategories: DataCategory[];

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  periodStart?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  periodEnd?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @MultilineText()
  notes?: string | null;

  @ApiPropertyOptional({ description: 'A non-disclosure (gag) order is attached' })
  @OptionalField()
  @IsBoolean()
  gagOrder?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date',
    description: 'The last day the gag order holds; absent or null: indefinitely',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  gagUntil?: string | null;
}

export class CreateLegalProcessDto extends LegalProcessFieldsDto {}

export class UpdateLegalProcessDto extends LegalProcessFieldsDto {
  @ApiProperty() @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Correcting a returned response only',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @MultilineText()
  responseSummary?: string | null;
}

/** Data produced in answer: becomes one disclosure record linked to the process. */
export class ProductionDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(300)
  recipientName: string;

  @ApiProperty({ enum: RECIPIENT_TYPES })
  @IsIn(RECIPIENT_TYPES, oneOf(RECIPIENT_TYPES, RECIPIENT_TYPE_LABELS))
  recipientType: RecipientType;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @MultilineText()
  recipientAddress?: string | null;

  @ApiProperty({ type: [String], description: 'A subset of the process’s subjects' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one subject' })
  @ArrayMaxSize(MAX_SUBJECTS)
  @IsUUID('all', anId('a subject', { each: true }))
  subjectIds: string[];

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one data category' })
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @IsIn(DATA_CATEGORIES, oneOf(DATA_CATEGORIES, DATA_CATEGORY_LABELS, { each: true }))
  dataCategories: DataCategory[];

  @ApiProperty({ format: 'date-time' })
  @IsString()
  @IsISO8601({ strict: true }, { message: 'must be a date and time' })
  disclosedAt: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(2000)
  @MultilineText()
  purpose: string;
}

export class LegalProcessActionDto {
  @ApiProperty() @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({ description: 'withdraw, reject' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  reason?: string;

  @ApiPropertyOptional({ description: 'start_review: an active user' })
  @IsOptional()
  @IsUUID('all', anId('a user'))
  legalReviewerId?: string;

  @ApiPropertyOptional({ enum: LEGAL_PROCESS_OUTCOMES, description: 'respond' })
  @IsOptional()
  @IsIn(LEGAL_PROCESS_OUTCOMES, oneOf(LEGAL_PROCESS_OUTCOMES, LEGAL_PROCESS_OUTCOME_LABELS))
  outcome?: LegalProcessOutcome;

  @ApiPropertyOptional({ description: 'respond: what was decided and sent' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @MultilineText()
  responseSummary?: string;

  @ApiPropertyOptional({
    type: [ProductionDto],
    description: 'respond with a producing outcome: the disclosures made',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProductionDto)
  productions?: ProductionDto[];
}

export class ReviewVersionDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class ReturnReviewDto extends ReviewVersionDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(2000)
  @MultilineText()
  reason: string;
}
