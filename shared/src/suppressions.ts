/**
 * The suppression (opt-out) list: the vocabulary, and the legal date by which contact must
 * stop, as data with a citation on each rule and one pure function over them.
 */
import { addBusinessDays } from './calendar.js';
import type { IsoDate } from './calendar.js';
import { OPT_OUT_CHANNELS, OPT_OUT_SCOPES } from './requests.js';
import type { Jurisdiction } from './requests.js';

export const SUPPRESSION_CHANNELS = OPT_OUT_CHANNELS;
export type SuppressionChannel = (typeof SUPPRESSION_CHANNELS)[number];

export const SUPPRESSION_SCOPES = OPT_OUT_SCOPES;
export type SuppressionScope = (typeof SUPPRESSION_SCOPES)[number];

export const SUPPRESSION_CHANNEL_LABELS: Record<SuppressionChannel, string> = {
  email: 'Email',
  phone: 'Phone',
  post: 'Post',
};

export const SUPPRESSION_SCOPE_LABELS: Record<SuppressionScope, string> = {
  marketing_contact: 'Marketing contact',
  partner_sharing: 'Sharing with partners',
};

/** How a scrub upload names each row: plain normalised emails, or their SHA-256 hashes. */
export const SCRUB_KEYS = ['email', 'sha256'] as const;
export type ScrubKey = (typeof SCRUB_KEYS)[number];

/** The content types `POST /api/suppressions/scrub` reads (streamed, never buffered whole). */
export const SCRUB_CONTENT_TYPES = ['text/csv', 'application/x-ndjson'] as const;

export interface StopByRule {
  id: string;
  /** Jurisdictions the rule covers; absent: any not matched earlier. */
  jurisdictions?: readonly Jurisdiction[];
  scopes?: readonly SuppressionScope[];
  channels?: readonly SuppressionChannel[];
  /** Business days after the day the opt-out took effect; 0: that very day. */
  businessDays: number;
  citation: string;
  /** What the law asks, in words (shown beside the entry). */
  says: string;
}

/**
 * The first rule matching the request's jurisdiction, the scope and the channel applies.
 * A marketing-contact opt-out is not a CCPA right: in the US, stopping marketing email is a
 * CAN-SPAM duty whatever jurisdiction the request was filed under.
 */
export const STOP_BY_RULES: readonly StopByRule[] = [
  {
    id: 'gdpr_direct_marketing',
    jurisdictions: ['gdpr'],
    businessDays: 0,
    citation: 'GDPR Art. 21(3)',
    says: 'personal data shall no longer be processed for direct marketing: the desk stops on the day the objection took effect',
  },
  {
    id: 'ccpa_sale_sharing',
    jurisdictions: ['ccpa'],
    scopes: ['partner_sharing'],
    businessDays: 15,
    citation: 'CCPA Regs. §7026(f)',
    says: 'comply with a request to opt out of sale or sharing no later than 15 business days from receipt',
  },
  {
    id: 'can_spam_email',
    jurisdictions: ['can_spam', 'ccpa', 'hipaa'],
    scopes: ['marketing_contact'],
    channels: ['email'],
    businessDays: 10,
    citation: '15 U.S.C. §7704(a)(4)',
    says: 'stop sending commercial email more than 10 business days after receipt of the opt-out',
  },
  {
    id: 'policy',
    businessDays: 0,
    citation: 'company policy ("we will not use that information" to contact you)',
    says: 'the desk stops on the day the opt-out took effect',
  },
];

export interface StopByInput {
  jurisdiction: Jurisdiction;
  scope: SuppressionScope;
  channel: SuppressionChannel;
  /** The desk day on which the opt-out took effect (the request became `new`). */
  effectiveOn: IsoDate;
  holidays?: readonly IsoDate[];
}

export interface StopBy {
  stopBy: IsoDate;
  ruleId: string;
  citation: string;
  explanation: string;
}

export function stopByRuleFor(
  jurisdiction: Jurisdiction,
  scope: SuppressionScope,
  channel: SuppressionChannel,
): StopByRule {
  const rule = STOP_BY_RULES.find(
    (r) =>
      (!r.jurisdictions || r.jurisdictions.includes(jurisdiction)) &&
      (!r.scopes || r.scopes.includes(scope)) &&
      (!r.channels || r.channels.includes(channel)),
  );
  // The last rule matches everything.
  return rule ?? STOP_BY_RULES[STOP_BY_RULES.length - 1]!;
}

/** The legal date by which contact (or sharing) must stop, and why, in words. */
export function suppressionStopBy(input: StopByInput): StopBy {
  const rule = stopByRuleFor(input.jurisdiction, input.scope, input.channel);
  const stopBy =
    rule.businessDays === 0
      ? input.effectiveOn
      : addBusinessDays(input.effectiveOn, rule.businessDays, input.holidays ?? []).date;
  const when =
    rule.businessDays === 0
      ? `on ${stopBy}, the day it took effect`
      : `by ${stopBy}, ${rule.businessDays} business days after ${input.effectiveOn}`;
  return {
    stopBy,
    ruleId: rule.id,
    citation: rule.citation,
    explanation: `${SUPPRESSION_SCOPE_LABELS[input.scope]} by ${SUPPRESSION_CHANNEL_LABELS[input.channel].toLowerCase()} stops ${when} (${rule.citation}: ${rule.says}).`,
  };
}

/**
 * A postal address as one canonical line: parts trimmed, inner spaces collapsed, upper case,
 * empty parts left out, joined by ", ". Null when no part has text.
 */
export function canonicalPostalAddress(
  parts: readonly (string | null | undefined)[],
): string | null {
  const cleaned = parts
    .map((part) => (part ?? '').replace(/\s+/g, ' ').trim().toUpperCase())
    .filter((part) => part !== '');
  return cleaned.length ? cleaned.join(', ') : null;
}

/** One entry as the API returns it. */
export interface SuppressionDto {
  id: string;
  subjectId: string | null;
  subject: { id: string; name: string } | null;
  channel: SuppressionChannel;
  value: string;
  valueHash: string;
  scope: SuppressionScope;
  sourceRequestId: string | null;
  sourceReference: string | null;
  effectiveAt: string;
  stopBy: string;
  stopByCitation: string;
  active: boolean;
  revokedAt: string | null;
  revokedByRequestId: string | null;
  revokeReason: string | null;
  createdAt: string;
  version: number;
}

/** `GET /api/suppressions/check`. */
export interface SuppressionCheckDto {
  suppressed: boolean;
  scopes: SuppressionScope[];
  /** When the earliest active entry took effect, or null. */
  since: string | null;
}
