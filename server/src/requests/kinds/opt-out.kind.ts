import { Injectable } from '@nestjs/common';
import {
  OPT_OUT_CHANNEL_LABELS,
  OPT_OUT_CHANNELS,
  OPT_OUT_SCOPE_LABELS,
  OPT_OUT_SCOPES,
} from '@privacy-desk/shared';
import type { OptOutPayload } from '@privacy-desk/shared';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { SubjectsService } from '../../subjects/subjects.service.js';
import { OptOutChecklistService } from '../../suppressions/opt-out-checklist.service.js';
import { SuppressionsService } from '../../suppressions/suppressions.service.js';
import { RequestEvents } from '../request-events.js';
import { RequestKindHandler } from './request-kind.js';
import type { KindContext, PayloadRules } from './request-kind.js';
import { YES_OR_NO, oneOf } from '../../common/errors/messages.js';

class OptOutPayloadDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one channel' })
  @ArrayUnique()
  @IsIn(OPT_OUT_CHANNELS, oneOf(OPT_OUT_CHANNELS, OPT_OUT_CHANNEL_LABELS, { each: true }))
  channels: string[];

  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one scope' })
  @ArrayUnique()
  @IsIn(OPT_OUT_SCOPES, oneOf(OPT_OUT_SCOPES, OPT_OUT_SCOPE_LABELS, { each: true }))
  scopes: string[];

  /** Opt back in: revoke the person's entries for these channels and scopes. */
  @IsOptional()
  @IsBoolean(YES_OR_NO)
  optIn?: boolean;
}

export const optOutPayload: PayloadRules = { dto: OptOutPayloadDto };

/**
 * "Let us know and we will not use that information" to contact you (the policy). It takes
 * effect when the request becomes `new`, with no staff step: the suppression entries are
 * written in the same transaction. The staff task is the downstream checklist (partners
 * from the disclosure log, and downstream systems); the request completes once it is ticked.
 * An `optIn` request from the person (verified, never a GPC signal) revokes entries instead.
 */
@Injectable()
export class OptOutKind extends RequestKindHandler {
  readonly kind = 'opt_out' as const;

  constructor(
    private readonly suppressions: SuppressionsService,
    private readonly checklist: OptOutChecklistService,
    private readonly subjects: SubjectsService,
    private readonly events: RequestEvents,
  ) {
    super();
  }

  override async onNew({ actor, request }: KindContext): Promise<void> {
    const payload = JSON.parse(request.payload) as OptOutPayload;
    const subject = request.subjectId ? await this.subjects.get(request.subjectId) : null;
    // A browser's GPC signal opts out; it can never opt anyone back in.
    const optIn = payload.optIn === true && request.channel !== 'gpc';
    const summary = await this.suppressions.applyOptOut(actor, request, subject, {
      channels: payload.channels,
      scopes: payload.scopes,
      optIn,
    });
    await this.events.record(actor, request, 'suppression', summary.text);
    if (!optIn) await this.checklist.createFor(request, subject?.id ?? null);
  }

  override async completionBlockers({ request }: KindContext): Promise<string[]> {
    return this.checklist.blockers(request.id);
  }
}
