import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../auth/access.decorators.js';
import { Clock } from '../common/clock/clock.js';
import { PACKAGE_FORMATS } from './request-package.entity.js';
import { RequestPackageDto } from './request-package.dto.js';
import { FILE_TYPES, RequestPackagesService } from './request-packages.service.js';

const Uuid = (name: string) => Param(name, new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** Staff read a request's packages: their status, and the kept copy in each format. */
@ApiTags('requests')
@Controller()
export class RequestPackagesController {
  constructor(
    private readonly packages: RequestPackagesService,
    private readonly clock: Clock,
  ) {}

  @Get('requests/:id/packages')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: 'The packages kept with a request (newest first), without contents' })
  @ApiOkResponse({ type: [RequestPackageDto] })
  async list(@Uuid('id') id: string): Promise<RequestPackageDto[]> {
    const now = this.clock.now();
    return (await this.packages.listForRequest(id)).map((p) => RequestPackageDto.from(p, now));
  }

  @Get('request-packages/:id/content')
  @RequirePermission('requests.read')
  @ApiOperation({ summary: 'The kept copy of a package, as PDF, HTML or JSON' })
  @ApiQuery({ name: 'format', enum: PACKAGE_FORMATS })
  async content(
    @Uuid('id') id: string,
    @Query('format') format: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const wanted = PACKAGE_FORMATS.find((f) => f === format) ?? 'html';
    const pkg = await this.packages.get(id);
    res.setHeader('Content-Type', FILE_TYPES[wanted]);
    res.setHeader('Cache-Control', 'no-store');
    res.send(wanted === 'pdf' ? pkg.pdf : wanted === 'html' ? pkg.html : pkg.json);
  }
}
