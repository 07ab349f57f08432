import type { RequestKind } from '@privacy-desk/shared';
import type { Actor } from '../../auth/actor.js';
import type { PrivacyRequest } from '../privacy-request.entity.js';

/** What a kind's hooks are given; they run inside the caller's transaction. */
export interface KindContext {
  actor: Actor;
  request: PrivacyRequest;
  now: Date;
}

/** A kind's payload rules: a class-validator DTO, and checks across its fields. */
export interface PayloadRules {
  dto: new () => object;
  /** Field errors (keys relative to the payload) the DTO's decorators cannot express. */
  check?: (payload: never) => Record<string, string>;
}

/**
 * One kind of request's behaviour, in one file under `kinds/`. Every hook is optional: a
 * kind without `onNew` does nothing when it joins the queue, one without `completionLetter`
 * sends the generic completion email with the resolution.
 */
export abstract class RequestKindHandler {
  abstract readonly kind: RequestKind;

  /** The request became `new` (verified, entered by staff, or arrived already verified). */
  onNew?(context: KindContext): Promise<void>;

  /** Why the request cannot complete yet (empty: it can). Shown to staff in the 409. */
  completionBlockers?(context: KindContext): Promise<string[]>;

  /** The request completes: change the records the person asked about. */
  onComplete?(context: KindContext): Promise<void>;

  /** The completion letter; replaces the generic completion email. */
  completionLetter?(context: KindContext): Promise<void>;
}
