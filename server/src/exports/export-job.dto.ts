import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXPORT_JOB_STATUSES, EXPORT_LISTS } from '@privacy-desk/shared';
import type { ExportJobDto as ExportJobShape, ExportList } from '@privacy-desk/shared';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ExportJob } from './export-job.entity.js';

/** `POST /api/exports`: a list with the filter and sort it shows now. */
export class CreateExportDto {
  @ApiProperty({ enum: EXPORT_LISTS })
  @IsIn(EXPORT_LISTS)
  list: ExportList;

  @ApiPropertyOptional({ description: 'The list’s `filter` parameter (JSON text)', example: '{}' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  filter?: string;

  @ApiPropertyOptional({ description: 'The list’s `sort` parameter (JSON text)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;
}

export class ExportSettingsDto {
  @ApiProperty({ description: 'From this many rows the console exports in the background' })
  backgroundThreshold: number;
}

export class ExportJobDto implements ExportJobShape {
  @ApiProperty() id: string;
  @ApiProperty({ enum: EXPORT_LISTS }) list: ExportList;
  @ApiProperty({ type: Object }) filter: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: [String] }) sort: [string, 'ASC' | 'DESC'] | null;
  @ApiProperty({ enum: EXPORT_JOB_STATUSES }) status: ExportJobShape['status'];
  @ApiProperty() rowsDone: number;
  @ApiProperty({ nullable: true, type: Number }) rowsTotal: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt: string | null;
  @ApiProperty() downloadable: boolean;

  static from(job: ExportJob, now: Date): ExportJobDto {
    return {
      id: job.id,
      list: job.list,
      filter: JSON.parse(job.filter || '{}') as Record<string, unknown>,
      sort: job.sort ? (JSON.parse(job.sort) as [string, 'ASC' | 'DESC']) : null,
      status: job.status,
      rowsDone: job.rowsDone,
      rowsTotal: job.rowsTotal,
      error: job.error,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      expiresAt: job.expiresAt?.toISOString() ?? null,
      downloadable: job.status === 'done' && !!job.expiresAt && job.expiresAt > now,
    };
  }
}
