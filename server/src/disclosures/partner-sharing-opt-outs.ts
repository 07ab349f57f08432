import { Injectable } from '@nestjs/common';
import { DisclosureLookups } from './disclosure-lookups.repository.js';

/**
 * The port the `partner_marketing` basis rule asks: which of these subjects opted out of
 * sharing with business partners. Today it answers from completed opt-out requests; the
 * suppression list of a later issue provides its own implementation of this class.
 */
export abstract class PartnerSharingOptOuts {
  abstract optedOut(subjectIds: string[]): Promise<Set<string>>;
}

/** Completed `opt_out` requests whose scopes include `partner_sharing`. */
@Injectable()
export class RequestPartnerSharingOptOuts extends PartnerSharingOptOuts {
  constructor(private readonly lookups: DisclosureLookups) {
    super();
  }

  async optedOut(subjectIds: string[]): Promise<Set<string>> {
    const result = new Set<string>();
    for (const request of await this.lookups.completedOptOutsOf(subjectIds)) {
      let scopes: unknown;
      try {
        scopes = (JSON.parse(request.payload) as { scopes?: unknown }).scopes;
      } catch {
        continue;
      }
      if (request.subjectId && Array.isArray(scopes) && scopes.includes('partner_sharing'))
        result.add(request.subjectId);
    }
    return result;
  }
}
