import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators.js';
import { RateLimited, RateLimitGuard } from '../common/http/rate-limit.js';
import { linkProblemPage, landingPage } from './package-pages.js';
import { PACKAGE_FORMATS } from './request-package.entity.js';
import type { PackageFormat } from './request-package.entity.js';
import { FILE_TYPES, RequestPackagesService } from './request-packages.service.js';

/** The download link mailed to the requester: no session, the token is the key. */
@ApiTags('public')
@Controller('public/packages')
export class PackageDownloadsController {
  constructor(private readonly packages: RequestPackagesService) {}

  @Get(':token')
  @Public()
  @UseGuards(RateLimitGuard)
  @RateLimited('package_link')
  @ApiOperation({
    summary: 'Open a package download link: a page listing the formats, or one format',
  })
  @ApiQuery({ name: 'format', required: false, enum: PACKAGE_FORMATS })
  @ApiNotFoundResponse({ description: 'Unknown link' })
  @ApiGoneResponse({ description: 'The link expired or was used as often as it allows' })
  async open(
    @Param('token') token: string,
    @Query('format') format: unknown,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const wanted = format === undefined ? undefined : PACKAGE_FORMATS.find((f) => f === format);
    if (format !== undefined && !wanted) {
      res.status(404).type('html').send(linkProblemPage('unknown'));
      return;
    }
    const result = await this.packages.download(token, wanted as PackageFormat | undefined);
    switch (result.outcome) {
      case 'unknown':
        res.status(404).type('html').send(linkProblemPage('unknown'));
        return;
      case 'expired':
      case 'used_up':
        res.status(410).type('html').send(linkProblemPage(result.outcome));
        return;
      case 'landing':
        res
          .status(200)
          .type('html')
          .send(
            landingPage(token, {
              reference: result.reference,
              purpose: result.pkg.purpose,
              expiresAt: result.pkg.expiresAt!,
              remaining: result.remaining,
            }),
          );
        return;
      case 'ok': {
        const name = `${result.reference}-${result.pkg.purpose.replace('_', '-')}.${result.format}`;
        res.status(200);
        res.setHeader('Content-Type', FILE_TYPES[result.format]);
        res.setHeader(
          'Content-Disposition',
          `${result.format === 'html' ? 'inline' : 'attachment'}; filename="${name}"`,
        );
        res.send(result.body);
        return;
      }
    }
  }
}
