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
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../auth/access.decorators.js';
import type { Actor } from '../../auth/actor.js';
import { MultilineText } from '../../common/errors/text-rule.js';
import { RequestPackageDto } from '../../request-packages/request-package.dto.js';
import { Clock } from '../../common/clock/clock.js';
import { RequestDto } from '../request.dto.js';
import { RequestsService } from '../requests.service.js';
import { AccessService } from './access.service.js';

const RequestId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

export class SendAccessPackageDto {
  @ApiProperty({ description: 'The version you loaded; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'The resolution recorded on completion (a default is used)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  resolution?: string;
}

export class AccessSentDto {
  @ApiProperty({ type: RequestDto }) request: RequestDto;
  @ApiProperty({ type: RequestPackageDto }) package: RequestPackageDto;
}

/** An access request's package: preview it, then send it (which completes the request). */
@ApiTags('requests')
@Controller('requests/:id/access')
export class AccessController {
  constructor(
    private readonly access: AccessService,
    private readonly requests: RequestsService,
    private readonly clock: Clock,
  ) {}

  @Get('preview')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: 'The access package as it would be sent now (nothing is stored)' })
  @ApiQuery({ name: 'format', enum: ['json', 'html', 'pdf'], required: false })
  async preview(
    @RequestId() id: string,
    @Query('format') format: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const built = await this.access.preview(id);
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'html') res.type('html').send(built.html);
    else if (format === 'pdf') res.type('application/pdf').send(await built.pdf());
    else res.json(built.json);
  }

  @Post('send')
  @HttpCode(200)
  @RequirePermission('requests.process')
  @ApiOperation({
    summary: 'Keep the package with the request, email the download link, complete the request',
  })
  @ApiOkResponse({ type: AccessSentDto })
  @ApiConflictResponse({ description: 'Wrong status, stale version, no subject linked' })
  async send(
    @CurrentActor() actor: Actor,
    @RequestId() id: string,
    @Body() body: SendAccessPackageDto,
  ): Promise<AccessSentDto> {
    const sent = await this.access.send(actor, id, body);
    return {
      request: (await this.requests.present([sent.request], actor))[0]!,
      package: RequestPackageDto.from(sent.package, this.clock.now()),
    };
  }
}
