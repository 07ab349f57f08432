import { Injectable } from '@nestjs/common';
import { PartnerSharingOptOuts } from '../disclosures/partner-sharing-opt-outs.js';
import { SuppressionRepository } from './suppression.repository.js';

/** The `partner_marketing` basis rule asks the suppression list: active partner_sharing entries. */
@Injectable()
export class SuppressionPartnerSharingOptOuts extends PartnerSharingOptOuts {
  constructor(private readonly repo: SuppressionRepository) {
    super();
  }

  optedOut(subjectIds: string[]): Promise<Set<string>> {
    return this.repo.subjectsOptedOutOfPartnerSharing(subjectIds);
  }
}
