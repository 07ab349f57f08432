import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SUPPRESSION_CHANNELS,
  SUPPRESSION_SCOPE_LABELS,
  SUPPRESSION_SCOPES,
} from '@privacy-desk/shared';
import type {
  SuppressionChannel,
  SuppressionDto as SuppressionShape,
  SuppressionScope,
} from '@privacy-desk/shared';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { OptOutCheck } from './opt-out-check.entity.js';
import type { Suppression } from './suppression.entity.js';
import { oneOf } from '../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SuppressionDto implements SuppressionShape {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ nullable: true }) subjectId: string | null;
  @ApiPropertyOptional({ nullable: true }) subject: { id: string; name: string } | null;
  @ApiProperty({ enum: SUPPRESSION_CHANNELS }) channel: SuppressionChannel;
  @ApiProperty({ description: 'Normalised email, E.164 phone or canonical postal line' })
  value: string;
  @ApiProperty({ description: 'SHA-256 hex of value' }) valueHash: string;
  @ApiProperty({ enum: SUPPRESSION_SCOPES }) scope: SuppressionScope;
  @ApiPropertyOptional({ nullable: true }) sourceRequestId: string | null;
  @ApiPropertyOptional({ nullable: true }) sourceReference: string | null;
  @ApiProperty() effectiveAt: string;
  @ApiProperty({ description: 'YYYY-MM-DD: the legal date by which contact must stop' })
  stopBy: string;
  @ApiProperty() stopByCitation: string;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) revokedByRequestId: string | null;
  @ApiPropertyOptional({ nullable: true }) revokeReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;

  static from(entry: Suppression, subjectNames: Map<string, string>): SuppressionDto {
    return Object.assign(new SuppressionDto(), {
      id: entry.id,
      subjectId: entry.subjectId,
      subject:
        entry.subjectId && subjectNames.has(entry.subjectId)
          ? { id: entry.subjectId, name: subjectNames.get(entry.subjectId)! }
          : null,
      channel: entry.channel,
      value: entry.value,
      valueHash: entry.valueHash,
      scope: entry.scope,
      sourceRequestId: entry.sourceRequestId,
      sourceReference: entry.sourceReference,
      effectiveAt: entry.effectiveAt.toISOString(),
      stopBy: entry.stopBy,
      stopByCitation: entry.stopByCitation,
      active: entry.revokedAt === null,
      revokedAt: entry.revokedAt?.toISOString() ?? null,
      revokedByRequestId: entry.revokedByRequestId,
      revokeReason: entry.revokeReason,
      createdAt: entry.createdAt.toISOString(),
      version: entry.version,
    } satisfies SuppressionShape);
  }
}

export class SuppressionCheckQueryDto {
  @ApiPropertyOptional({ description: 'An email address (any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ description: 'A phone number (E.164, or national in the desk country)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
}

export class SuppressionCheckResultDto {
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ enum: SUPPRESSION_SCOPES, isArray: true }) scopes: SuppressionScope[];
  @ApiPropertyOptional({ nullable: true }) since: string | null;
}

export class ScrubQueryDto {
  @ApiPropertyOptional({ enum: SUPPRESSION_SCOPES, description: 'Only entries of this scope' })
  @IsOptional()
  @IsIn(SUPPRESSION_SCOPES, oneOf(SUPPRESSION_SCOPES, SUPPRESSION_SCOPE_LABELS))
  scope?: SuppressionScope;
}

export class OptOutCheckDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['partner', 'downstream'] }) kind: 'partner' | 'downstream';
  @ApiProperty() label: string;
  @ApiProperty() done: boolean;
  @ApiPropertyOptional({ nullable: true }) doneAt: string | null;
  @ApiPropertyOptional({ nullable: true }) doneBy: { id: string; name: string } | null;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiProperty() version: number;

  static from(item: OptOutCheck, userNames: Map<string, string>): OptOutCheckDto {
    return Object.assign(new OptOutCheckDto(), {
      id: item.id,
      kind: item.kind,
      label: item.label,
      done: item.doneAt !== null,
      doneAt: item.doneAt?.toISOString() ?? null,
      doneBy:
        item.doneById && userNames.has(item.doneById)
          ? { id: item.doneById, name: userNames.get(item.doneById)! }
          : null,
      note: item.note,
      version: item.version,
    });
  }
}

/** An opt-out request's panel: the entries it wrote and its downstream checklist. */
export class OptOutPanelDto {
  @ApiProperty({ type: [SuppressionDto] }) entries: SuppressionDto[];
  @ApiProperty({ type: [OptOutCheckDto] }) checks: OptOutCheckDto[];
}

export class TickCheckDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'How and when they were told' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}
