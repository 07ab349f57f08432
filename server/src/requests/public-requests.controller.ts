import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExcludeEndpoint,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { Public } from '../auth/access.decorators.js';
import { ApiError } from '../common/errors/domain-errors.js';
import { validateInput } from '../common/errors/validation.js';
import { RateLimited, RateLimitGuard } from '../common/http/rate-limit.js';
import {
  formPage,
  payloadFromForm,
  submittedPage,
  verifiedPage,
  verifyProblemPage,
} from './public-form.js';
import type { FormValues } from './public-form.js';
import { PublicRequestsService } from './public-requests.service.js';
import { RequestSubmissionDto } from './request.dto.js';
import { RequestClocks } from './request-clock.js';
import { RequestIntakeService } from './request-intake.service.js';
import { REQUIRED } from '../common/errors/messages.js';

export class PublicRequestDto extends RequestSubmissionDto {
  @ApiPropertyOptional({ description: 'Leave empty (spam trap)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

export class VerifyDto {
  @ApiProperty() @IsString() @IsNotEmpty(REQUIRED) @MaxLength(200) token: string;
}

export class PublicAcceptedDto {
  @ApiProperty() message: string;
}

export class VerifiedDto {
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
}

const ACCEPTED = 'Thank you. Check your email for a link to confirm your request.';
const gpcOf = (req: Request) => req.get('Sec-GPC')?.trim() === '1';

@ApiTags('public')
@Controller()
export class PublicRequestsController {
  constructor(
    private readonly publicRequests: PublicRequestsService,
    private readonly intake: RequestIntakeService,
    private readonly clocks: RequestClocks,
  ) {}

  @Get('privacy')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiExcludeEndpoint()
  form(): string {
    return formPage();
  }

  @Post('privacy')
  @Public()
  @UseGuards(RateLimitGuard)
  @RateLimited('public_form')
  @ApiExcludeEndpoint()
  async submitForm(
    @Body() body: FormValues,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const values = typeof body === 'object' && body !== null ? body : {};
    const single = (key: string) =>
      typeof values[key] === 'string' ? (values[key] as string) : undefined;
    const { value: dto, errors } = validateInput(PublicRequestDto, {
      kind: single('kind'),
      requesterName: single('requesterName') ?? '',
      requesterEmail: single('requesterEmail') ?? '',
      jurisdiction: single('jurisdiction'),
      payload: payloadFromForm(single('kind') ?? '', values),
      website: single('website'),
    });
    res.type('html');
    if (Object.keys(errors).length) {
      res.status(422).send(formPage(values, errors));
      return;
    }
    try {
      await this.publicRequests.submit(dto, { gpc: gpcOf(req) });
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === 422) {
        res.status(422).send(formPage(values, error.errors ?? {}));
        return;
      }
      throw error;
    }
    res.status(200).send(submittedPage(this.intake.verificationLinkHours));
  }

  @Get('privacy/verify')
  @Public()
  @ApiExcludeEndpoint()
  async verifyPage(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    res.type('html');
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
      res.status(404).send(verifyProblemPage('invalid', this.intake.verificationLinkHours));
      return;
    }
    const result = await this.intake.verify(token);
    if (result.outcome === 'expired' || result.outcome === 'invalid') {
      res
        .status(result.outcome === 'expired' ? 410 : 404)
        .send(verifyProblemPage(result.outcome, this.intake.verificationLinkHours));
      return;
    }
    res
      .status(200)
      .send(verifiedPage(result.request.reference, this.clocks.of(result.request).dueDate));
  }

  @Post('public/requests')
  @HttpCode(202)
  @Public()
  @UseGuards(RateLimitGuard)
  @RateLimited('public_form')
  @ApiHeader({
    name: 'Sec-GPC',
    required: false,
    description: '`1`: also opt out of sale and sharing (CCPA §7025)',
  })
  @ApiOperation({
    summary: 'Submit a request as a member of the public (confirmed by an emailed link)',
  })
  @ApiAcceptedResponse({ type: PublicAcceptedDto })
  @ApiTooManyRequestsResponse({ description: 'Too many submissions from this address' })
  async submit(@Body() body: PublicRequestDto, @Req() req: Request): Promise<PublicAcceptedDto> {
    await this.publicRequests.submit(body, { gpc: gpcOf(req) });
    return { message: ACCEPTED };
  }

  @Post('public/verify')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Confirm a request with the token from the emailed link' })
  @ApiOkResponse({ type: VerifiedDto })
  @ApiNotFoundResponse({ description: 'Unknown or already-used token' })
  @ApiGoneResponse({ description: 'The token expired' })
  async verify(@Body() body: VerifyDto): Promise<VerifiedDto> {
    const result = await this.intake.verify(body.token);
    if (result.outcome === 'invalid')
      throw new ApiError(
        404,
        'invalid_token',
        'This confirmation link is not valid or was already used',
      );
    if (result.outcome === 'expired')
      throw new ApiError(410, 'token_expired', 'This confirmation link has expired');
    return { reference: result.request.reference, status: result.request.status };
  }
}
