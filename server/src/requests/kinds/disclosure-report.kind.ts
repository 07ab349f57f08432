import { Injectable } from '@nestjs/common';
import { isIsoDate } from '@privacy-desk/shared';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { RequestPackagesService } from '../../request-packages/request-packages.service.js';
import { RequestKindHandler } from './request-kind.js';
import type { KindContext, PayloadRules } from './request-kind.js';
import { A_DATE, PERIOD_END_BEFORE_START, anId } from '../../common/errors/messages.js';

/** What a `disclosure_report` request carries: the period, and the report it follows up. */
export interface DisclosureReportPayload {
  periodStart: string;
  periodEnd: string;
  /** A follow-up queued when a gag order lapsed: the earlier, incomplete report. */
  followUpOfId?: string;
  followUpOfReference?: string;
  note?: string;
}

class DisclosureReportPayloadDto implements DisclosureReportPayload {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, A_DATE)
  periodStart: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, A_DATE)
  periodEnd: string;

  @IsOptional()
  @IsUUID('all', anId('a request'))
  followUpOfId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  followUpOfReference?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export const disclosureReportPayload: PayloadRules = {
  dto: DisclosureReportPayloadDto,
  check: (payload: DisclosureReportPayloadDto) => {
    const problems: Record<string, string> = {};
    if (!isIsoDate(payload.periodStart)) problems.periodStart = 'is not a real date';
    if (!isIsoDate(payload.periodEnd)) problems.periodEnd = 'is not a real date';
    if (!problems.periodStart && !problems.periodEnd && payload.periodEnd < payload.periodStart)
      problems.periodEnd = PERIOD_END_BEFORE_START;
    return problems;
  },
};

/**
 * The subject's accounting of disclosures for a period. Staff preview the letter and send it
 * (`server/src/disclosure-reports/`); sending keeps the copy, emails the download link and
 * completes the request, in one transaction.
 */
@Injectable()
export class DisclosureReportKind extends RequestKindHandler {
  readonly kind = 'disclosure_report' as const;

  constructor(private readonly packages: RequestPackagesService) {
    super();
  }

  override async completionBlockers({ request }: KindContext): Promise<string[]> {
    return (await this.packages.hasSent(request.id, 'disclosure_report'))
      ? []
      : ['send the disclosure report first (Send report on the request’s page)'];
  }

  /** The report's download link is the letter (sent with it): no generic completion email. */
  override async completionLetter(): Promise<void> {}
}
