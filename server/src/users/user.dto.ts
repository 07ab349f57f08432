import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLE_LABELS, ROLES } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
} from 'class-validator';
import { IsEmailAddress, OptionalField } from '../common/errors/validation.js';
import type { User } from './user.entity.js';
import { REQUIRED, oneOf } from '../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'jane@example.com' })
  @Transform(trim)
  @IsEmailAddress()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Jane Doe' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, oneOf(ROLES, ROLE_LABELS))
  role: Role;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: 'Initial password' })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  })
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trim)
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @OptionalField()
  @IsIn(ROLES, oneOf(ROLES, ROLE_LABELS))
  role?: Role;

  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ description: 'The version you loaded; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;

  // react-admin sends the whole record back on edit; these read-only fields are accepted and ignored.
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() id?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() email?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() mfaEnabled?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() lastLoginAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() createdAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() updatedAt?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() locked?: unknown;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty({
    description:
      'Some source (IP address) is locked out after too many failed sign-ins; other sources can still sign in. An admin can unlock.',
  })
  locked: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;

  static from(user: User, now = new Date()): UserDto {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      active: user.active,
      mfaEnabled: user.mfaEnabled,
      locked: user.lockedUntil !== null && user.lockedUntil > now,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
      version: user.version,
    };
  }
}

export class TemporaryPasswordDto {
  @ApiProperty({ description: 'Shown once; the user must change it at next sign-in' })
  temporaryPassword: string;
}
