/**
 * The port the `partner_marketing` basis rule asks: which of these subjects opted out of
 * sharing with business partners. The suppression list answers it
 * (`SuppressionPartnerSharingOptOuts`: the subject's active `partner_sharing` entries).
 */
export abstract class PartnerSharingOptOuts {
  abstract optedOut(subjectIds: string[]): Promise<Set<string>>;
}
