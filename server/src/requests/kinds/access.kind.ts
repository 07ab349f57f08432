import { Injectable } from '@nestjs/common';
import { ACCESS_FORMATS } from '@privacy-desk/shared';
import { IsIn } from 'class-validator';
import { RequestKindHandler } from './request-kind.js';
import type { PayloadRules } from './request-kind.js';

class AccessPayloadDto {
  @IsIn(ACCESS_FORMATS, { message: `must be one of: ${ACCESS_FORMATS.join(', ')}` })
  format: string;
}

export const accessPayload: PayloadRules = { dto: AccessPayloadDto };

/** "You may review … your User Information" (the policy). */
@Injectable()
export class AccessKind extends RequestKindHandler {
  readonly kind = 'access' as const;
}
