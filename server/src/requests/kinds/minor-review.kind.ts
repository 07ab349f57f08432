import { Injectable } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SubjectsService } from '../../subjects/subjects.service.js';
import { RequestKindHandler } from './request-kind.js';
import type { KindContext, PayloadRules } from './request-kind.js';

class MinorReviewPayloadDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export const minorReviewPayload: PayloadRules = { dto: MinorReviewPayloadDto };

/** Why a minor review cannot simply be completed: one of its two actions must settle it. */
export const MINOR_REVIEW_BLOCKER =
  'a minor review is settled by one of its two actions: confirm the age and erase the ' +
  'subject’s personal data, or correct the date of birth';

/**
 * The policy takes no data from anyone under 18: queued when a date of birth says so. Staff
 * settle it with `POST /api/requests/:id/minor-review/erase` or `/correct-dob`
 * (MinorReviewService), each of which completes the request.
 */
@Injectable()
export class MinorReviewKind extends RequestKindHandler {
  readonly kind = 'minor_review' as const;

  constructor(private readonly subjects: SubjectsService) {
    super();
  }

  /** Open while the subject is still on record as a minor with their data. */
  override async completionBlockers({ request }: KindContext): Promise<string[]> {
    if (!request.subjectId) return [];
    const subject = await this.subjects.get(request.subjectId);
    return subject.isMinor && !subject.erasedAt ? [MINOR_REVIEW_BLOCKER] : [];
  }

  /** An internal review: no letter, least of all to a minor's address. */
  override async completionLetter(): Promise<void> {}
}
