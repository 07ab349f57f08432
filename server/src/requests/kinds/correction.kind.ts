import { Injectable } from '@nestjs/common';
import { CORRECTABLE_FIELDS, SUBJECT_FIELD_LABELS } from '@privacy-desk/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CorrectionView } from '../correction/correction-view.js';
import { RequestMailer } from '../request-mailer.js';
import { RequestKindHandler } from './request-kind.js';
import type { KindContext, PayloadRules } from './request-kind.js';
import { REQUIRED, oneOf } from '../../common/errors/messages.js';

class CorrectionItem {
  @IsIn(CORRECTABLE_FIELDS, oneOf(CORRECTABLE_FIELDS, SUBJECT_FIELD_LABELS))
  field: string;

  @IsString()
  @IsNotEmpty(REQUIRED)
  @MaxLength(500)
  requestedValue: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

class CorrectionPayloadDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one field to correct' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CorrectionItem)
  corrections: CorrectionItem[];
}

export const correctionPayload: PayloadRules = { dto: CorrectionPayloadDto };

/**
 * "Review and request updates … correct such inaccuracies" (the policy). Staff decide each
 * field and apply the accepted values as an explicit step (`correction/`), which also queues
 * a follow-up for every recipient to tell (GDPR Art. 19, CCPA Regs. §7023). Completion waits
 * until the decisions are applied and each follow-up is notified or exempt; the letter says
 * what changed, what was declined and why, and who was told.
 */
@Injectable()
export class CorrectionKind extends RequestKindHandler {
  readonly kind = 'correction' as const;

  constructor(
    private readonly view: CorrectionView,
    private readonly mailer: RequestMailer,
  ) {
    super();
  }

  override completionBlockers({ request }: KindContext): Promise<string[]> {
    return this.view.blockers(request);
  }

  override async completionLetter({ actor, request }: KindContext): Promise<void> {
    await this.mailer.send(
      actor,
      request,
      'correction_completion',
      await this.view.letterData(request),
    );
  }
}
