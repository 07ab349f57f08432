import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { auditActionLabel, auditEntityTypeLabel } from '@privacy-desk/shared';
import type { AuditEntry } from './audit-entry.entity.js';
import { auditedRecordKey } from './audit-entity-label.repository.js';

export class AuditEntryDto {
  @ApiProperty({ description: 'Same as seq (react-admin needs an id)' }) id: number;
  @ApiProperty({ description: 'Position in the chain, from 1, without gaps' }) seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['user', 'api_client', 'system'] }) actorType: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() actorLabel: string;
  @ApiProperty({ example: 'user.created' }) action: string;
  @ApiProperty({ example: 'User: account created', description: 'The action in words' })
  actionLabel: string;
  @ApiProperty({ example: 'user' }) entityType: string;
  @ApiProperty({ example: 'User', description: 'The kind of record in words' })
  entityTypeLabel: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'PR-2026-000007',
    description:
      "The record's reference or name where it has one (never a subject's: the trail holds no personal data)",
  })
  entityLabel: string | null;
  @ApiProperty() summary: string;
  @ApiProperty() prevHash: string;
  @ApiProperty({ description: 'HMAC-SHA-256 (or, for a legacy entry, SHA-256) of the entry' })
  hash: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Id of the key-ring key that made the hash; null for a legacy entry',
  })
  keyId: string | null;

  static from(entry: AuditEntry, labels?: ReadonlyMap<string, string>): AuditEntryDto {
    return {
      id: entry.seq,
      seq: entry.seq,
      at: entry.at.toISOString(),
      actorType: entry.actorType,
      actorId: entry.actorId,
      actorLabel: entry.actorLabel,
      action: entry.action,
      actionLabel: auditActionLabel(entry.action),
      entityType: entry.entityType,
      entityTypeLabel: auditEntityTypeLabel(entry.entityType),
      entityId: entry.entityId,
      entityLabel:
        (entry.entityId && labels?.get(auditedRecordKey(entry.entityType, entry.entityId))) || null,
      summary: entry.summary,
      prevHash: entry.prevHash,
      hash: entry.hash,
      keyId: entry.keyId,
    };
  }
}

export class ChainBreakDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The entry concerned; null for a problem of the checkpoint file as a whole',
  })
  seq: number | null;
  @ApiProperty({ example: 'entry #12 was altered after it was written (its MAC does not match)' })
  reason: string;
}

export class CheckpointSummaryDto {
  @ApiProperty({ description: 'Valid signed checkpoints compared with the database' })
  checked: number;
  @ApiProperty({ description: 'Checkpoint lines that failed their own MAC or could not be read' })
  invalid: number;
  @ApiPropertyOptional({ nullable: true, description: 'The latest valid checkpoint' })
  latest: { seq: number; at: string; keyId: string } | null;
}

export class ChainVerdictDto {
  @ApiProperty({
    description: 'True when every entry is intact and linked and agrees with every checkpoint',
  })
  ok: boolean;
  @ApiProperty({ description: 'Entries read from the database' }) checked: number;
  @ApiProperty({ description: 'Last seq in the database', nullable: true, type: Number })
  lastSeq: number | null;
  @ApiProperty({ description: 'Hash at the head of the chain', nullable: true, type: String })
  lastHash: string | null;
  @ApiPropertyOptional({
    description: 'Seq of the first break (when not ok)',
    nullable: true,
    type: Number,
  })
  brokenAt?: number | null;
  @ApiPropertyOptional({ description: 'What is wrong at brokenAt (when not ok)' }) reason?: string;
  @ApiProperty({ type: [ChainBreakDto], description: 'Every break, in seq order (at most 100)' })
  breaks: ChainBreakDto[];
  @ApiProperty({ description: 'Breaks found beyond those listed' }) moreBreaks: number;
  @ApiProperty({ type: CheckpointSummaryDto }) checkpoints: CheckpointSummaryDto;
}
