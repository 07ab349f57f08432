import type { RequestKind } from '@privacy-desk/shared';

import type { CorrectionItem, RequestPayload } from '../dataProvider';

/** Only the payload of the chosen kind is sent; inputs of other kinds stay behind. */
export function payloadFor(kind: RequestKind, payload: RequestPayload = {}): RequestPayload {
  switch (kind) {
    case 'correction':
      return {
        corrections: (payload.corrections ?? []).map((item: CorrectionItem) => {
          const correction: CorrectionItem = {
            field: item.field,
            requestedValue: item.requestedValue,
          };
          if (item.note?.trim()) correction.note = item.note.trim();
          return correction;
        }),
      };
    case 'opt_out':
      return { channels: payload.channels ?? [], scopes: payload.scopes ?? [] };
    case 'access':
      return { format: payload.format };
    case 'disclosure_report':
      return { periodStart: payload.periodStart, periodEnd: payload.periodEnd };
    default:
      return {};
  }
}
