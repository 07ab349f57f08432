import type { RequestKind } from '@privacy-desk/shared';
import type { ComponentType } from 'react';

import type { RequestPayload, RequestRecord } from '../../dataProvider';

/**
 * One kind of request in the console, in one file of this folder (found by `index.ts`): what
 * was asked, in words; staff's work on it; and its inputs on the New request form.
 */
export interface KindUi {
  kind: RequestKind;
  /** What the requester asked for, in words rather than JSON. */
  PayloadView: ComponentType<{ record: RequestRecord }>;
  /** Staff's work on this kind, shown on the request's page below what was asked. */
  WorkPanel?: ComponentType<{ record: RequestRecord }>;
  /** The inputs on the New request form; absent for kinds only the system creates. */
  PayloadInputs?: ComponentType;
  /** Only this kind's payload is sent; inputs of other kinds stay behind. */
  payloadFor: (payload: RequestPayload) => RequestPayload;
}
