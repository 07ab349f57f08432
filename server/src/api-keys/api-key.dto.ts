import { listInWords } from '@privacy-desk/shared';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
} from 'class-validator';
import { API_KEY_SCOPES } from './api-key-scopes.js';
import type { ApiKeyScope } from './api-key-scopes.js';
import type { ApiKey } from './api-key.entity.js';
import { REQUIRED } from '../common/errors/messages.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Website request form', maxLength: 100 })
  @Transform(trim)
  @IsString({ message: 'must be text' })
  @IsNotEmpty(REQUIRED)
  @MaxLength(100, { message: 'must be at most 100 characters' })
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['requests:create'] })
  @IsArray({ message: 'must be a list of scopes' })
  @ArrayNotEmpty({ message: 'must name at least one scope' })
  @ArrayUnique({ message: 'lists a scope more than once' })
  @IsIn(API_KEY_SCOPES, {
    each: true,
    message: `each value must be one of: ${listInWords(API_KEY_SCOPES, 'or')}`,
  })
  scopes: ApiKeyScope[];
}

export class ApiKeyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Public part of the key: pdk_<prefix>_…', example: '3f9a01c2' })
  prefix: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes: string[];
  @ApiProperty({ description: 'The admin who created the key' }) createdById: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Last successful use, to the minute',
  })
  lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt: string | null;

  static from(key: ApiKey): ApiKeyDto {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      createdById: key.createdById,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description:
      'The whole key, to send as `Authorization: Bearer <key>`. Shown only in this answer: it is stored hashed and cannot be shown again.',
    example: 'pdk_3f9a01c2_Qm9vZ2xlLWl0LXlvdS13b250LWZpbmQtYS1yZWFsLWtleQ',
  })
  secret: string;
}

export class ApiKeyIdentityDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes: string[];
}
