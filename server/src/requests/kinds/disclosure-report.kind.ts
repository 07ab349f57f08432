import { Injectable } from '@nestjs/common';
import { isIsoDate } from '@privacy-desk/shared';
import { Matches } from 'class-validator';
import { RequestKindHandler } from './request-kind.js';
import type { PayloadRules } from './request-kind.js';

class DisclosureReportPayloadDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  periodStart: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  periodEnd: string;
}

export const disclosureReportPayload: PayloadRules = {
  dto: DisclosureReportPayloadDto,
  check: (payload: DisclosureReportPayloadDto) => {
    const problems: Record<string, string> = {};
    if (!isIsoDate(payload.periodStart)) problems.periodStart = 'is not a real date';
    if (!isIsoDate(payload.periodEnd)) problems.periodEnd = 'is not a real date';
    if (!problems.periodStart && !problems.periodEnd && payload.periodEnd < payload.periodStart)
      problems.periodEnd = 'must not be before periodStart';
    return problems;
  },
};

/** The subject's accounting of disclosures for a period. */
@Injectable()
export class DisclosureReportKind extends RequestKindHandler {
  readonly kind = 'disclosure_report' as const;
}
