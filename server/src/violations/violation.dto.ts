import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENFORCEMENT_ACTION_LABELS,
  ENFORCEMENT_ACTIONS,
  VIOLATION_CATEGORIES,
  VIOLATION_CATEGORY_LABELS,
  VIOLATION_SEVERITIES,
  VIOLATION_SEVERITY_LABELS,
  VIOLATION_SOURCE_LABELS,
  VIOLATION_SOURCES,
  VIOLATION_STATUSES,
} from '@privacy-desk/shared';
import type {
  EnforcementAction,
  SubjectRef,
  UserRef,
  ViolationAction,
  ViolationCategory,
  ViolationFlagDto as ViolationFlagShape,
  ViolationSeverity,
  ViolationSource,
} from '@privacy-desk/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { MultilineText, OptionalField } from '../common/errors/validation.js';
import type { ViolationFlag } from './violation-flag.entity.js';
import { REQUIRED, anId, oneOf } from '../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToNull = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const LINK_MESSAGE = {
  each: true,
  message: 'each value must be a web address starting with http:// or https://',
};

export const MAX_EVIDENCE_LINKS = 20;

/** Flag a subject for a Terms-of-Service violation. */
export class CreateViolationDto {
  @ApiProperty()
  @IsUUID('all', anId('a subject'))
  subjectId: string;

  @ApiProperty({ enum: VIOLATION_CATEGORIES })
  @IsIn(VIOLATION_CATEGORIES, oneOf(VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS))
  category: ViolationCategory;

  @ApiProperty({ enum: VIOLATION_SEVERITIES })
  @IsIn(VIOLATION_SEVERITIES, oneOf(VIOLATION_SEVERITIES, VIOLATION_SEVERITY_LABELS))
  severity: ViolationSeverity;

  @ApiProperty({ description: 'The clause of the Terms cited, e.g. "4.2 Prohibited uses"' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(200)
  termsClause: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(5000)
  @MultilineText()
  description: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(10000)
  @MultilineText()
  evidenceText?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'http(s) links to the evidence' })
  @IsOptional()
  @IsArray({ message: 'must be a list of links' })
  @ArrayMaxSize(MAX_EVIDENCE_LINKS)
  @IsString(LINK_MESSAGE)
  @MaxLength(2000, { each: true })
  @IsUrl(HTTP_URL, LINK_MESSAGE)
  evidenceLinks?: string[];

  @ApiProperty({ enum: VIOLATION_SOURCES })
  @IsIn(VIOLATION_SOURCES, oneOf(VIOLATION_SOURCES, VIOLATION_SOURCE_LABELS))
  source: ViolationSource;
}

/** Edit a flag while it is open or under review. Fields left out keep their value. */
export class UpdateViolationDto {
  @ApiProperty({ description: 'The version you loaded; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: VIOLATION_CATEGORIES })
  @OptionalField()
  @IsIn(VIOLATION_CATEGORIES, oneOf(VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS))
  category?: ViolationCategory;

  @ApiPropertyOptional({ enum: VIOLATION_SEVERITIES })
  @OptionalField()
  @IsIn(VIOLATION_SEVERITIES, oneOf(VIOLATION_SEVERITIES, VIOLATION_SEVERITY_LABELS))
  severity?: ViolationSeverity;

  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(200)
  termsClause?: string;

  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(5000)
  @MultilineText()
  description?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null or empty clears it' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(10000)
  @MultilineText()
  evidenceText?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @OptionalField()
  @IsArray({ message: 'must be a list of links' })
  @ArrayMaxSize(MAX_EVIDENCE_LINKS)
  @IsString(LINK_MESSAGE)
  @MaxLength(2000, { each: true })
  @IsUrl(HTTP_URL, LINK_MESSAGE)
  evidenceLinks?: string[];

  @ApiPropertyOptional({ enum: VIOLATION_SOURCES })
  @OptionalField()
  @IsIn(VIOLATION_SOURCES, oneOf(VIOLATION_SOURCES, VIOLATION_SOURCE_LABELS))
  source?: ViolationSource;
}

/** A life-cycle action on a flag (see `VIOLATION_TRANSITIONS` in shared/). */
export class ViolationActionDto {
  @ApiProperty({ description: 'The version you loaded; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Required to confirm, dismiss, appeal or decide an appeal' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  @MultilineText()
  reason?: string;

  @ApiPropertyOptional({ enum: ENFORCEMENT_ACTIONS, description: 'Required to confirm' })
  @IsOptional()
  @IsIn(ENFORCEMENT_ACTIONS, oneOf(ENFORCEMENT_ACTIONS, ENFORCEMENT_ACTION_LABELS))
  enforcementAction?: EnforcementAction;
}

export interface FlagLookups {
  userName: Map<string, string>;
  subject: Map<string, SubjectRef>;
}

export class ViolationFlagDto implements ViolationFlagShape {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'VF-2026-000001' }) reference: string;
  @ApiProperty() subject: SubjectRef;
  @ApiProperty({ enum: VIOLATION_CATEGORIES }) category: ViolationCategory;
  @ApiProperty({ enum: VIOLATION_SEVERITIES }) severity: ViolationSeverity;
  @ApiProperty() termsClause: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) evidenceText: string | null;
  @ApiProperty({ type: [String] }) evidenceLinks: string[];
  @ApiProperty({ enum: VIOLATION_SOURCES }) source: ViolationSource;
  @ApiProperty({ enum: VIOLATION_STATUSES }) status: ViolationFlag['status'];
  @ApiProperty({ nullable: true }) decidedBy: UserRef | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ nullable: true, enum: ENFORCEMENT_ACTIONS })
  enforcementAction: EnforcementAction | null;
  @ApiProperty({ nullable: true, type: String }) appealStatus: ViolationFlag['appealStatus'];
  @ApiProperty({ nullable: true, type: String }) appealReason: string | null;
  @ApiProperty({ nullable: true, type: String }) appealedAt: string | null;
  @ApiProperty({ nullable: true }) appealDecidedBy: UserRef | null;
  @ApiProperty({ nullable: true, type: String }) appealDecidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) appealDecisionReason: string | null;
  @ApiProperty() flaggedBy: UserRef;
  @ApiProperty({ type: [String] }) actions: ViolationAction[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;

  static from(flag: ViolationFlag, lookups: FlagLookups, actions: ViolationAction[]) {
    const user = (id: string | null): UserRef | null =>
      id === null ? null : { id, name: lookups.userName.get(id) ?? 'Unknown user' };
    const dto: ViolationFlagDto = {
      id: flag.id,
      reference: flag.reference,
      subject: lookups.subject.get(flag.subjectId) ?? {
        id: flag.subjectId,
        name: 'Unknown subject',
        email: '',
      },
      category: flag.category,
      severity: flag.severity,
      termsClause: flag.termsClause,
      description: flag.description,
      evidenceText: flag.evidenceText,
      evidenceLinks: flag.evidenceLinks ?? [],
      source: flag.source,
      status: flag.status,
      decidedBy: user(flag.decidedById),
      decidedAt: flag.decidedAt?.toISOString() ?? null,
      decisionReason: flag.decisionReason,
      enforcementAction: flag.enforcementAction,
      appealStatus: flag.appealStatus,
      appealReason: flag.appealReason,
      appealedAt: flag.appealedAt?.toISOString() ?? null,
      appealDecidedBy: user(flag.appealDecidedById),
      appealDecidedAt: flag.appealDecidedAt?.toISOString() ?? null,
      appealDecisionReason: flag.appealDecisionReason,
      flaggedBy: user(flag.flaggedById)!,
      actions,
      createdAt: flag.createdAt.toISOString(),
      updatedAt: flag.updatedAt.toISOString(),
      version: flag.version,
    };
    return dto;
  }
}
