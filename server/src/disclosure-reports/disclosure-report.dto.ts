import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class SendReportDto {
  @ApiProperty({ description: 'The version of the request you loaded; a stale one is a 409' })
  @IsInt()
  @Min(1)
  version: number;
}
