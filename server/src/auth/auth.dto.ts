import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PERMISSIONS, ROLES } from '@privacy-desk/shared';
import { IsNotEmpty, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { REQUIRED } from '../common/errors/messages.js';

export class LoginDto {
  @ApiProperty({ example: 'staff@demo.test' })
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'privacy-desk-demo' })
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiPropertyOptional({ description: '6-digit TOTP code, when two-factor sign-in is on' })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'must be 6 digits' })
  otp?: string;

  @ApiPropertyOptional({ description: 'One of the ten one-time recovery codes, instead of otp' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recoveryCode?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  })
  newPassword: string;
}

export class EnableMfaDto {
  @ApiProperty({ description: 'A current 6-digit code from the authenticator app' })
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'must be 6 digits' })
  code: string;
}

export class DisableMfaDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

class SessionUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty() mfaEnabled: boolean;
}

export class SessionInfoDto {
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
  @ApiProperty({ description: 'Send back in the X-CSRF-Token header on writes' }) csrfToken: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions: string[];
  @ApiProperty({ description: 'Only second-factor enrolment is allowed until this is false' })
  mfaEnrolmentRequired: boolean;
  @ApiProperty({ description: 'Only a password change is allowed until this is false' })
  passwordChangeRequired: boolean;
  @ApiProperty({ format: 'date-time', description: 'Absolute end of the session' })
  expiresAt: string;
  @ApiProperty({
    example: 'Europe/Berlin',
    description: "The desk's IANA time zone (BUSINESS_TIME_ZONE), in which dates are shown",
  })
  deskTimeZone: string;
}

export class MfaSetupDto {
  @ApiProperty({ description: 'Base32 secret, for manual entry' }) secret: string;
  @ApiProperty() otpauthUrl: string;
  @ApiProperty({ description: 'PNG data URL of the otpauth QR code' }) qrCodeDataUrl: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Shown once; each works once' })
  recoveryCodes: string[];
}
