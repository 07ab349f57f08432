import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DENIAL_REASON_LABELS,
  DENIAL_REASONS,
  JURISDICTION_LABELS,
  JURISDICTIONS,
  OUTBOX_STATUSES,
  REQUEST_ACTIONS,
  REQUEST_CHANNEL_LABELS,
  REQUEST_CHANNELS,
  REQUEST_KIND_LABELS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  STAFF_ENTRY_CHANNELS,
  SUBMITTABLE_KINDS,
} from '@privacy-desk/shared';
import type {
  DeadlineState,
  DenialReason,
  Jurisdiction,
  RequestAction,
  RequestKind,
  SubmittableKind,
} from '@privacy-desk/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { IsEmailAddress, MultilineText } from '../common/errors/validation.js';
import { A_DATE, REQUIRED, anId, oneOf } from '../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** What every channel asks of a new request. */
export class RequestSubmissionDto {
  @ApiProperty({ enum: SUBMITTABLE_KINDS })
  @IsIn(SUBMITTABLE_KINDS, oneOf(SUBMITTABLE_KINDS, REQUEST_KIND_LABELS))
  kind: SubmittableKind;

  @ApiPropertyOptional({ enum: JURISDICTIONS, description: 'Defaults to DEFAULT_JURISDICTION' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsIn(JURISDICTIONS, oneOf(JURISDICTIONS, JURISDICTION_LABELS))
  jurisdiction?: Jurisdiction;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(200)
  requesterName: string;

  @ApiProperty()
  @Transform(trim)
  @IsEmailAddress()
  @MaxLength(320)
  requesterEmail: string;

  @ApiProperty({ description: 'Kind-specific details (see the request kinds)', type: Object })
  @IsObject({ message: 'must describe the request' })
  @MultilineText()
  payload: Record<string, unknown>;
}

export class StaffEntryDto extends RequestSubmissionDto {
  @ApiProperty({ enum: STAFF_ENTRY_CHANNELS, description: 'How the request reached us' })
  @IsIn(STAFF_ENTRY_CHANNELS, oneOf(STAFF_ENTRY_CHANNELS, REQUEST_CHANNEL_LABELS))
  channel: (typeof STAFF_ENTRY_CHANNELS)[number];

  @ApiProperty({
    format: 'date',
    description: 'The day the request reached us; not in the future. The clock runs from it.',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, A_DATE)
  receivedAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', anId('a subject'))
  subjectId?: string;
}

export class ActionDto {
  @ApiProperty({ description: 'The version you loaded; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Required to reject; emailed to the requester' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  reason?: string;

  @ApiPropertyOptional({
    enum: DENIAL_REASONS,
    description: 'With the reason, when rejecting: the denial reason code (default other)',
  })
  @IsOptional()
  @IsIn(DENIAL_REASONS, oneOf(DENIAL_REASONS, DENIAL_REASON_LABELS))
  denialReason?: DenialReason;

  @ApiPropertyOptional({ description: 'Required to request information; emailed to the requester' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @MultilineText()
  message?: string;

  @ApiPropertyOptional({ description: 'Required to complete; emailed to the requester' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @MultilineText()
  resolution?: string;
}

export class AssignDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty() @IsUUID('all', anId('a staff member')) assigneeId: string;
}

export class ExtendDto {
  @ApiProperty() @IsInt() @Min(1) version: number;

  @ApiProperty({ description: 'Why more time is needed; sent to the requester with the new date' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(2000)
  @MultilineText()
  reason: string;
}

export class NoteDto {
  @ApiProperty({ description: 'Internal; never sent to the requester' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(10_000)
  @MultilineText()
  body: string;
}

export class LinkSubjectDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty() @IsUUID('all', anId('a subject')) subjectId: string;
}

export class ResolveDuplicateDto {
  @ApiProperty() @IsInt() @Min(1) version: number;

  @ApiProperty({
    enum: ['merge', 'keep'],
    description: 'merge: close it into the original; keep: work both',
  })
  @IsIn(['merge', 'keep'], { message: 'must be merge or keep' })
  decision: 'merge' | 'keep';
}

export class ClaimNextDto {
  @ApiPropertyOptional({ enum: REQUEST_KINDS })
  @IsOptional()
  @IsIn(REQUEST_KINDS, oneOf(REQUEST_KINDS, REQUEST_KIND_LABELS))
  kind?: RequestKind;
}

class BulkIdsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', anId('a request', { each: true }))
  ids: string[];
}

export class BulkAssignDto extends BulkIdsDto {
  @ApiProperty() @IsUUID('all', anId('a staff member')) assigneeId: string;
}

export class BulkRejectDto extends BulkIdsDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(2000)
  @MultilineText()
  reason: string;

  @ApiPropertyOptional({
    enum: DENIAL_REASONS,
    description: 'With the reason, when rejecting: the denial reason code (default other)',
  })
  @IsOptional()
  @IsIn(DENIAL_REASONS, oneOf(DENIAL_REASONS, DENIAL_REASON_LABELS))
  denialReason?: DenialReason;
}

export class RequestDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'PR-2026-000001' }) reference: string;
  @ApiProperty({ enum: REQUEST_KINDS }) kind: string;
  @ApiProperty({ enum: REQUEST_CHANNELS }) channel: string;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: string;
  @ApiProperty() requesterName: string;
  @ApiProperty() requesterEmail: string;
  @ApiProperty({ nullable: true, type: String }) subjectId: string | null;
  @ApiProperty({ nullable: true, type: String }) subjectName: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName: string | null;
  @ApiProperty({
    nullable: true,
    enum: ['claim', 'assignment'],
    description:
      '`claim`: held under a lease renewed by the holder’s activity; `assignment`: by a manager, no lease',
  })
  assignmentKind: 'claim' | 'assignment' | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) leaseExpiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date', description: 'The legal due date (after any extension)' })
  dueDate: string;
  @ApiProperty({ format: 'date', description: 'The date the law allows; the same as dueDate' })
  legalDueDate: string;
  @ApiProperty({
    format: 'date',
    description:
      'The date the desk aims for: CLOCK_TARGET_MARGIN_BUSINESS_DAYS before the legal date',
  })
  targetDate: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date' }) originalDueDate: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) acknowledgeBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) extendedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) extensionReason: string | null;
  @ApiProperty({
    nullable: true,
    enum: ['overdue', 'due_soon', 'on_track'],
    description: 'Computed now; null once closed',
  })
  deadline: DeadlineState | null;
  @ApiProperty() clockExplanation: string;
  @ApiProperty() extensionAvailable: boolean;
  @ApiProperty({ type: Object }) payload: unknown;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, enum: DENIAL_REASONS }) denialReason: DenialReason | null;
  @ApiProperty({ nullable: true, type: String }) duplicateOfId: string | null;
  @ApiProperty({ nullable: true, type: String }) duplicateOfReference: string | null;
  @ApiProperty({ nullable: true, type: String }) enteredById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: REQUEST_ACTIONS, isArray: true, description: 'What the caller may do now' })
  allowedActions: RequestAction[];
}

export class RequestEventDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() type: string;
  @ApiProperty() actorLabel: string;
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) toStatus: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiProperty({
    nullable: true,
    enum: OUTBOX_STATUSES,
    description: 'For an email: queued, held, sent or failed (updated when delivery ends)',
  })
  mailStatus: string | null;
}

export class LeaseDto {
  @ApiProperty({ enum: ['claim', 'assignment'] }) assignmentKind: 'claim' | 'assignment';
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'The renewed lease of a claim; null for an assignment, which has none',
  })
  leaseExpiresAt: string | null;
}

export class EntryDefaultsDto {
  @ApiProperty({ example: 'Europe/Berlin', description: 'The desk’s BUSINESS_TIME_ZONE' })
  timeZone: string;
  @ApiProperty({ format: 'date', description: 'Today in that zone: the default “Received on”' })
  today: string;
}

export class ClockDto {
  @ApiProperty() explanation: string;
  @ApiProperty() citation: string;
  @ApiProperty({ format: 'date' }) receivedDate: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ format: 'date', description: 'The date the law allows; the same as dueDate' })
  legalDueDate: string;
  @ApiProperty({ format: 'date', description: 'The date the desk aims for, before the legal date' })
  targetDate: string;
  @ApiProperty({ format: 'date' }) originalDueDate: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) acknowledgeBy: string | null;
  @ApiProperty({ nullable: true, enum: ['overdue', 'due_soon', 'on_track'] }) deadline:
    string | null;
  @ApiProperty() extended: boolean;
  @ApiProperty() extensionAvailable: boolean;
  @ApiProperty({ nullable: true, type: String }) extensionBlockedReason: string | null;
}

export class BulkResultDto {
  @ApiProperty() id: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ type: Object, description: '{ code, message } when not ok' }) error?: {
    code: string;
    message: string;
  };
}

export class BulkResultsDto {
  @ApiProperty({ type: [BulkResultDto] }) results: BulkResultDto[];
}

export class AssigneeDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}
