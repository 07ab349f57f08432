import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { CreateUserDto, TemporaryPasswordDto, UpdateUserDto, UserDto } from './user.dto.js';
import { UsersService } from './users.service.js';

const UserId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users.read')
  @ApiOperation({ summary: 'List staff accounts', description: 'Filters: q, role, active, id.' })
  @ApiOkResponse({ type: [UserDto] })
  async list(@Query() params: ListParamsDto, @Res({ passthrough: true }) res: Response) {
    const page = await this.users.list(params);
    return sendList(res, 'users', page).map((user) => UserDto.from(user));
  }

  @Get(':id')
  @RequirePermission('users.read')
  @ApiOperation({ summary: 'One staff account' })
  @ApiOkResponse({ type: UserDto })
  async get(@UserId() id: string) {
    return UserDto.from(await this.users.get(id));
  }

  @Post()
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiUnprocessableEntityResponse({ description: 'Invalid fields, or the email is taken' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return UserDto.from(await this.users.create(actor, body));
  }

  @Put(':id')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Change name, role or active state' })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'Stale version, or the change would remove the last admin' })
  async update(@CurrentActor() actor: Actor, @UserId() id: string, @Body() body: UpdateUserDto) {
    return UserDto.from(await this.users.update(actor, id, body));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Deactivate an account and end its sessions at once' })
  @ApiOkResponse({ type: UserDto })
  async deactivate(@CurrentActor() actor: Actor, @UserId() id: string) {
    return UserDto.from(await this.users.deactivate(actor, id));
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOperation({
    summary: 'Unlock an account: clear failed sign-ins from every source, and any lock',
  })
  @ApiOkResponse({ type: UserDto })
  async unlock(@CurrentActor() actor: Actor, @UserId() id: string) {
    return UserDto.from(await this.users.unlock(actor, id));
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Set a temporary password, shown once, to be changed at next sign-in' })
  @ApiOkResponse({ type: TemporaryPasswordDto })
  resetPassword(@CurrentActor() actor: Actor, @UserId() id: string) {
    return this.users.resetPassword(actor, id);
  }
}
