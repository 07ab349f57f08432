import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

/** ra-data-simple-rest's list parameters, as JSON strings. */
export class ListParamsDto {
  @ApiPropertyOptional({ description: 'JSON `["field","ASC"|"DESC"]`', example: '["id","ASC"]' })
  @IsOptional()
  @IsString()
  sort?: string;

  @ApiPropertyOptional({ description: 'JSON `[first,last]`, inclusive', example: '[0,24]' })
  @IsOptional()
  @IsString()
  range?: string;

  @ApiPropertyOptional({ description: 'JSON object of whitelisted filters', example: '{}' })
  @IsOptional()
  @IsString()
  filter?: string;

  @ApiPropertyOptional({
    description:
      'The `X-Next-Cursor` of the previous page: the page continues right after its last row (keyset), with the same sort; `range` still names where it is',
  })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description:
      '`csv`: the whole list (no page range, no row cap) as a CSV download with the same filter and sort; needs reports.export',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
