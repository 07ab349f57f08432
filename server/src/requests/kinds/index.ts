import type { Provider, Type } from '@nestjs/common';
import type { RequestKind } from '@privacy-desk/shared';
import { AccessKind, accessPayload } from './access.kind.js';
import { CorrectionKind, correctionPayload } from './correction.kind.js';
import { DisclosureReportKind, disclosureReportPayload } from './disclosure-report.kind.js';
import { GagNoticeKind, gagNoticePayload } from './gag-notice.kind.js';
import { MinorReviewKind, minorReviewPayload } from './minor-review.kind.js';
import { OptOutKind, optOutPayload } from './opt-out.kind.js';
import { RequestKindHandler } from './request-kind.js';
import type { PayloadRules } from './request-kind.js';

/** Every kind of request, with its payload rules and its behaviour. One line per kind. */
export const REQUEST_KIND_REGISTRY: Record<
  RequestKind,
  { payload: PayloadRules; handler: Type<RequestKindHandler> }
> = {
  correction: { payload: correctionPayload, handler: CorrectionKind },
  opt_out: { payload: optOutPayload, handler: OptOutKind },
  access: { payload: accessPayload, handler: AccessKind },
  disclosure_report: { payload: disclosureReportPayload, handler: DisclosureReportKind },
  minor_review: { payload: minorReviewPayload, handler: MinorReviewKind },
  gag_notice: { payload: gagNoticePayload, handler: GagNoticeKind },
};

/** The kinds' handlers by kind, for the life cycle and intake to call their hooks. */
export class RequestKinds {
  private readonly byKind: Map<RequestKind, RequestKindHandler>;

  constructor(handlers: RequestKindHandler[]) {
    this.byKind = new Map(handlers.map((h) => [h.kind, h]));
  }

  of(kind: RequestKind): RequestKindHandler {
    const handler = this.byKind.get(kind);
    if (!handler) throw new Error(`No handler is registered for requests of kind ${kind}`);
    return handler;
  }
}

const handlerClasses = Object.values(REQUEST_KIND_REGISTRY).map((entry) => entry.handler);

export const requestKindProviders: Provider[] = [
  ...handlerClasses,
  {
    provide: RequestKinds,
    useFactory: (...handlers: RequestKindHandler[]) => new RequestKinds(handlers),
    inject: handlerClasses,
  },
];

export { GagNoticeKind };
export type { GagNoticePayload } from './gag-notice.kind.js';
export type { DisclosureReportPayload } from './disclosure-report.kind.js';
