import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../auth/access.decorators.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { OutboxMessageDto } from './mail.dto.js';
import { MailService } from './mail.service.js';

@ApiTags('outbox')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @RequirePermission('outbox.read')
  @ApiOperation({
    summary: 'List outgoing emails',
    description:
      'Filters: status, template, requestId, q (recipient or subject), id. Sort: createdAt (default, newest first), sentAt, status.',
  })
  @ApiOkResponse({ type: [OutboxMessageDto] })
  @ApiUnprocessableEntityResponse({ description: 'Unknown sort field or filter' })
  async list(@Query() params: ListParamsDto, @Res({ passthrough: true }) res: Response) {
    const page = await this.mail.list(params);
    return sendList(res, 'outbox', page).map((message) => OutboxMessageDto.from(message));
  }

  @Get(':id')
  @RequirePermission('outbox.read')
  @ApiOperation({ summary: 'One outgoing email' })
  @ApiOkResponse({ type: OutboxMessageDto })
  @ApiNotFoundResponse({ description: 'No such message' })
  async get(@Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return OutboxMessageDto.from(await this.mail.get(id));
  }
}
