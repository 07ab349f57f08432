import { Injectable } from '@nestjs/common';
import { OPT_OUT_CHANNELS, OPT_OUT_SCOPES } from '@privacy-desk/shared';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { RequestKindHandler } from './request-kind.js';
import type { PayloadRules } from './request-kind.js';

class OptOutPayloadDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one channel' })
  @ArrayUnique()
  @IsIn(OPT_OUT_CHANNELS, {
    each: true,
    message: `each must be one of: ${OPT_OUT_CHANNELS.join(', ')}`,
  })
  channels: string[];

  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one scope' })
  @ArrayUnique()
  @IsIn(OPT_OUT_SCOPES, {
    each: true,
    message: `each must be one of: ${OPT_OUT_SCOPES.join(', ')}`,
  })
  scopes: string[];
}

export const optOutPayload: PayloadRules = { dto: OptOutPayloadDto };

/** "Let us know and we will not use that information" to contact you (the policy). */
@Injectable()
export class OptOutKind extends RequestKindHandler {
  readonly kind = 'opt_out' as const;
}
