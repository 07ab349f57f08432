import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEntry } from './audit-entry.entity.js';

export class AuditEntryDto {
  @ApiProperty({ description: 'Same as seq (react-admin needs an id)' }) id: number;
  @ApiProperty({ description: 'Position in the chain, from 1, without gaps' }) seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['user', 'api_client', 'system'] }) actorType: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() actorLabel: string;
  @ApiProperty({ example: 'user.created' }) action: string;
  @ApiProperty({ example: 'user' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty() summary: string;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static from(entry: AuditEntry): AuditEntryDto {
    return {
      id: entry.seq,
      seq: entry.seq,
      at: entry.at.toISOString(),
      actorType: entry.actorType,
      actorId: entry.actorId,
      actorLabel: entry.actorLabel,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      summary: entry.summary,
      prevHash: entry.prevHash,
      hash: entry.hash,
    };
  }
}

export class ChainVerdictDto {
  @ApiProperty({ description: 'True when every entry is intact and linked' }) ok: boolean;
  @ApiProperty({ description: 'Entries checked before the verdict' }) checked: number;
  @ApiPropertyOptional({ description: 'Last seq checked (when ok)', nullable: true, type: Number })
  lastSeq?: number | null;
  @ApiPropertyOptional({ description: 'Hash at the head of the chain (when ok)' })
  lastHash?: string;
  @ApiPropertyOptional({ description: 'First broken seq (when not ok)' }) brokenAt?: number;
  @ApiPropertyOptional({ description: 'What is wrong at brokenAt (when not ok)' }) reason?: string;
}
