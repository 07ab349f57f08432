import {
  ACCESS_FORMATS,
  CORRECTABLE_FIELDS,
  isIsoDate,
  OPT_OUT_CHANNELS,
  OPT_OUT_SCOPES,
} from '@privacy-desk/shared';
import type { RequestKind } from '@privacy-desk/shared';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { validationError } from '../common/errors/domain-errors.js';
import { flattenValidationErrors } from '../common/errors/validation.js';

class CorrectionItem {
  @IsIn(CORRECTABLE_FIELDS, { message: `must be one of: ${CORRECTABLE_FIELDS.join(', ')}` })
  field: string;

  @IsString()
  @IsNotEmpty({ message: 'is required' })
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

class AccessPayloadDto {
  @IsIn(ACCESS_FORMATS, { message: `must be one of: ${ACCESS_FORMATS.join(', ')}` })
  format: string;
}

class DisclosureReportPayloadDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  periodStart: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  periodEnd: string;
}

class MinorReviewPayloadDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** Created by the gag-lapse job: tell the subject of the legal process that named them. */
class GagNoticePayloadDto {
  @IsUUID('all', { message: 'must be a legal-process id' })
  legalProcessId: string;

  @IsString()
  @MaxLength(20)
  legalProcessReference: string;

  @IsString()
  @MaxLength(100)
  typeLabel: string;

  @IsString()
  @MaxLength(300)
  issuingAuthority: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  receivedOn: string;
}

const PAYLOADS: Record<RequestKind, new () => object> = {
  correction: CorrectionPayloadDto,
  opt_out: OptOutPayloadDto,
  access: AccessPayloadDto,
  disclosure_report: DisclosureReportPayloadDto,
  minor_review: MinorReviewPayloadDto,
  gag_notice: GagNoticePayloadDto,
};

/**
 * Validates a request's kind-specific payload; a bad one is a 422 naming the field
 * (`payload.corrections.0.field`). Unknown fields are refused. Returns the clean payload.
 */
export function validatePayload(kind: RequestKind, payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw validationError({ payload: `must be an object describing the ${kind} request` });
  }
  const instance = plainToInstance(PAYLOADS[kind], payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const flat = flattenValidationErrors(errors);
    throw validationError(
      Object.fromEntries(Object.entries(flat).map(([k, v]) => [`payload.${k}`, v])),
    );
  }
  if (instance instanceof DisclosureReportPayloadDto) {
    const problems: Record<string, string> = {};
    if (!isIsoDate(instance.periodStart)) problems['payload.periodStart'] = 'is not a real date';
    if (!isIsoDate(instance.periodEnd)) problems['payload.periodEnd'] = 'is not a real date';
    if (
      !problems['payload.periodStart'] &&
      !problems['payload.periodEnd'] &&
      instance.periodEnd < instance.periodStart
    ) {
      problems['payload.periodEnd'] = 'must not be before periodStart';
    }
    if (Object.keys(problems).length) throw validationError(problems);
  }
  return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
}
