import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import type { ReportFormat } from './disclosure-reports.service.js';

export class SendReportDto {
  @ApiProperty({ description: 'The version of the request you loaded; a stale one is a 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ReportCopyQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'html', 'pdf'], description: 'Default: pdf' })
  @IsOptional()
  @IsIn(['json', 'html', 'pdf'], { message: 'must be json, html or pdf' })
  format?: ReportFormat;
}
