import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Min } from 'class-validator';
import { A_DATE } from '../common/errors/messages.js';

export class MinorEraseDto {
  @ApiProperty({ description: 'The request version you loaded; a stale version is a 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class MinorCorrectDobDto {
  @ApiProperty({ description: 'The request version you loaded; a stale version is a 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({
    format: 'date',
    example: '1990-04-12',
    description: 'The true date of birth: it must make the subject 18 or older',
  })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, A_DATE)
  dateOfBirth: string;
}
