import { Body, Controller, Get, HttpCode, Ip, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SESSION_COOKIE } from '@privacy-desk/shared';
import type { CookieOptions, Response } from 'express';
import { RateLimited, RateLimitGuard } from '../common/http/rate-limit.js';
import { AppConfig } from '../config/app-config.js';
import { Authenticated, CurrentSession, Public } from './access.decorators.js';
import {
  ChangePasswordDto,
  DisableMfaDto,
  EnableMfaDto,
  LoginDto,
  MfaSetupDto,
  RecoveryCodesDto,
  SessionInfoDto,
} from './auth.dto.js';
import { AuthService } from './auth.service.js';
import type { SessionContext } from './authenticated-request.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  private cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure, path: '/' };
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(RateLimitGuard)
  @RateLimited('login')
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Sets the httpOnly session cookie. With two-factor sign-in on, answers 401 `mfa_required` until `otp` or `recoveryCode` is sent.',
  })
  @ApiOkResponse({ type: SessionInfoDto })
  @ApiUnauthorizedResponse({ description: '`invalid_credentials` or `mfa_required`' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this IP address' })
  async login(
    @Body() body: LoginDto,
    @Ip() ip: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { token, info } = await this.auth.login(body, ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, token, {
      ...this.cookieOptions(),
      // Relative, so the browser counts it on its own clock; the server enforces the real limit.
      maxAge: this.config.env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    });
    return info;
  }

  @Get('me')
  @Authenticated({ allowRestricted: true })
  @ApiOperation({ summary: 'The signed-in user, their permissions and the CSRF token' })
  @ApiOkResponse({ type: SessionInfoDto })
  me(@CurrentSession() session: SessionContext) {
    return this.auth.sessionInfo(session);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated({ allowRestricted: true })
  @ApiOperation({ summary: 'Sign out: ends this session at once' })
  @ApiNoContentResponse()
  async logout(
    @CurrentSession() session: SessionContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.auth.logout(session);
    res.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated({ allowRestricted: true })
  @ApiOperation({ summary: 'Change own password (ends other sessions)' })
  @ApiNoContentResponse()
  async changePassword(@CurrentSession() session: SessionContext, @Body() body: ChangePasswordDto) {
    await this.auth.changePassword(session, body.currentPassword, body.newPassword);
  }

  @Post('mfa/setup')
  @HttpCode(200)
  @Authenticated({ allowRestricted: true })
  @ApiOperation({ summary: 'Start two-factor enrolment: a new TOTP secret and its QR code' })
  @ApiOkResponse({ type: MfaSetupDto })
  setupMfa(@CurrentSession() session: SessionContext) {
    return this.auth.startMfaEnrolment(session);
  }

  @Post('mfa/enable')
  @HttpCode(200)
  @Authenticated({ allowRestricted: true })
  @ApiOperation({ summary: 'Confirm enrolment with a code; returns ten one-time recovery codes' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  enableMfa(@CurrentSession() session: SessionContext, @Body() body: EnableMfaDto) {
    return this.auth.enableMfa(session, body.code);
  }

  @Post('mfa/disable')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'Turn off two-factor sign-in (only where the role does not require it)',
  })
  @ApiNoContentResponse()
  async disableMfa(@CurrentSession() session: SessionContext, @Body() body: DisableMfaDto) {
    await this.auth.disableMfa(session, body.password);
  }
}
