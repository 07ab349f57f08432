import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequireApiKey, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { ApiKeyDto, ApiKeyIdentityDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto.js';
import { ApiKeysService } from './api-keys.service.js';

const KeyId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  // Declared before `:id` so that the router matches it first.
  @Get('whoami')
  @RequireApiKey('requests:create')
  @ApiOperation({
    summary: 'The API key making this call',
    description:
      'For integrators: checks that a key works and shows its name and scopes. Authenticate with `Authorization: Bearer pdk_…`.',
  })
  @ApiOkResponse({ type: ApiKeyIdentityDto })
  async whoami(@CurrentActor() actor: Actor): Promise<ApiKeyIdentityDto> {
    const key = await this.keys.get(actor.id!);
    return { id: key.id, name: key.name, scopes: key.scopes };
  }

  @Get()
  @RequirePermission('apiKeys.manage')
  @ApiOperation({
    summary: 'List API keys',
    description:
      'Never shows a key itself. Filters: q (name or prefix), id. Sort: createdAt (default, newest first), name, lastUsedAt, revokedAt.',
  })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiUnprocessableEntityResponse({ description: 'Unknown sort field or filter' })
  async list(@Query() params: ListParamsDto, @Res({ passthrough: true }) res: Response) {
    const page = await this.keys.list(params);
    return sendList(res, 'api-keys', page).map((key) => ApiKeyDto.from(key));
  }

  @Get(':id')
  @RequirePermission('apiKeys.manage')
  @ApiOperation({ summary: 'One API key (without the key itself)' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ description: 'No such key' })
  async get(@KeyId() id: string) {
    return ApiKeyDto.from(await this.keys.get(id));
  }

  @Post()
  @RequirePermission('apiKeys.manage')
  @ApiOperation({
    summary: 'Create an API key',
    description: 'The answer holds the key itself (`secret`), shown this once only.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiUnprocessableEntityResponse({ description: 'Invalid name or scopes' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    const { key, secret } = await this.keys.create(actor, body);
    return { ...ApiKeyDto.from(key), secret };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('apiKeys.manage')
  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'Takes effect at once. Revoking a revoked key changes nothing.',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ description: 'No such key' })
  async revoke(@CurrentActor() actor: Actor, @KeyId() id: string) {
    return ApiKeyDto.from(await this.keys.revoke(actor, id));
  }
}
