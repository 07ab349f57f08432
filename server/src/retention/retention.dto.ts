import { ApiProperty } from '@nestjs/swagger';
import { RETENTION_RULE_IDS, RETENTION_TABLES } from '@privacy-desk/shared';
import type {
  RetentionCounts,
  RetentionPeriodView,
  RetentionReportDto as RetentionReport,
} from '@privacy-desk/shared';

export class RetentionPeriodDto implements RetentionPeriodView {
  @ApiProperty({ enum: RETENTION_RULE_IDS }) id: RetentionPeriodView['id'];
  @ApiProperty() amount: number;
  @ApiProperty({ enum: ['months', 'years'] }) unit: 'months' | 'years';
  @ApiProperty({ description: 'The least the law allows' }) minimum: number;
  @ApiProperty() citation: string;
  @ApiProperty({ format: 'date-time', description: 'Records before this instant are past it' })
  cutoff: string;
  @ApiProperty() explanation: string;
}

export class RetentionHeldDto {
  @ApiProperty() requests: number;
  @ApiProperty() disclosures: number;
}

export class RetentionReportDto implements RetentionReport {
  @ApiProperty({ description: 'true for the preview: nothing was changed' }) dryRun: boolean;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [RetentionPeriodDto] }) periods: RetentionPeriodDto[];
  @ApiProperty({
    description: `Rows blanked or removed (or that would be) per table: ${RETENTION_TABLES.join(', ')}`,
    example: Object.fromEntries(RETENTION_TABLES.map((t) => [t, 0])),
  })
  counts: RetentionCounts;
  @ApiProperty({ type: [String], description: 'Request references (at most 1,000 listed)' })
  requests: string[];
  @ApiProperty({ type: [String], description: 'Disclosure references (at most 1,000 listed)' })
  disclosures: string[];
  @ApiProperty({ type: [String], description: 'Subject ids (at most 1,000 listed)' })
  subjects: string[];
  @ApiProperty({
    type: RetentionHeldDto,
    description: 'Past their period, but kept: an open request, open flag or gag order in force',
  })
  held: RetentionHeldDto;
  @ApiProperty({ description: 'Transactions the run took (0 for the preview)' }) batches: number;
}
