import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { IsEmailAddress, OptionalField } from '../common/errors/validation.js';
import type { Subject } from './subject.entity.js';
import { A_DATE, REQUIRED } from '../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToNull = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** Fields shared by create and edit. Empty strings clear optional fields. */
class SubjectFieldsDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(200)
  company?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(200)
  addressLine1?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(200)
  addressLine2?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(100)
  city?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(100)
  region?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(20)
  postalCode?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'ISO 3166-1 alpha-2, e.g. DE' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() || null : value,
  )
  @IsISO31661Alpha2({ message: 'must be a two-letter country code such as DE or US' })
  country?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Any common format; stored as E.164' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'date', example: '1990-05-17' })
  @IsOptional()
  @Transform(emptyToNull)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, A_DATE)
  dateOfBirth?: string | null;
}

export class CreateSubjectDto extends SubjectFieldsDto {
  @ApiProperty({ example: 'Jane Doe' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'jane@example.com' })
  @Transform(trim)
  @IsEmailAddress()
  @MaxLength(320)
  email: string;
}

export class UpdateSubjectDto extends SubjectFieldsDto {
  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trim)
  @IsEmailAddress()
  @MaxLength(320)
  email?: string;

  @ApiProperty({ description: 'The version you loaded; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;

  // react-admin sends the whole record back on edit; these read-only fields are accepted and ignored.
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() id?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() isMinor?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() erasedAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() purgedAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() createdAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() updatedAt?: unknown;
}

export class SubjectDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) company: string | null;
  @ApiProperty({ nullable: true, type: String }) addressLine1: string | null;
  @ApiProperty({ nullable: true, type: String }) addressLine2: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String, description: 'E.164' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty() isMinor: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the personal data of this (minor) subject was erased; null if never',
  })
  erasedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      'When the retention purge blanked this subject (nothing tied it any more); null if never',
  })
  purgedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;

  static from(s: Subject): SubjectDto {
    return {
      id: s.id,
      name: s.name,
      company: s.company,
      addressLine1: s.addressLine1,
      addressLine2: s.addressLine2,
      city: s.city,
      region: s.region,
      postalCode: s.postalCode,
      country: s.country,
      email: s.email,
      phone: s.phone,
      jobTitle: s.jobTitle,
      dateOfBirth: s.dateOfBirth,
      isMinor: s.isMinor,
      erasedAt: s.erasedAt?.toISOString() ?? null,
      purgedAt: s.purgedAt?.toISOString() ?? null,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      version: s.version,
    };
  }
}

export class SubjectChangeDto {
  @ApiProperty() id: string;
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true, type: String }) oldValue: string | null;
  @ApiProperty({ nullable: true, type: String }) newValue: string | null;
  @ApiProperty() changedBy: string;
  @ApiProperty({ description: 'A request reference, or "staff edit"' }) reason: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}
