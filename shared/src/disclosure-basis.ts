/**
 * The rules a disclosure must satisfy for its basis, as data with a citation on each, and one
 * pure function that checks a disclosure against them. The server runs it with the facts it
 * looked up (confirmed flags, opt-outs, linked records); the console runs the same function as
 * you type, with only what it knows (the facts it cannot look up are left undefined and their
 * rules are skipped).
 */
import { isIsoDate } from './calendar.js';
import type { IsoDate } from './calendar.js';
import { DATA_CATEGORIES, DISCLOSURE_BASIS_LABELS } from './disclosure-log.js';
import type { DisclosureBasis } from './disclosure-log.js';

const POLICY = 'Privacy policy, "Disclosure of User Information"';

/** What was disclosed, as the form or the API body holds it. */
export interface DisclosureBasisInput {
  basis: DisclosureBasis;
  aggregated: boolean;
  /** One entry per subject; `violationFlagId` is the flag cited for `tos_violation`. */
  subjects: readonly { subjectId: string; violationFlagId?: string | null }[];
  dataCategories: readonly string[];
  /** The day it was disclosed (YYYY-MM-DD, desk time zone). */
  disclosedOn: string;
  legalProcessId?: string | null;
  consentRequestId?: string | null;
  consentDocumentSha256?: string | null;
  consentNote?: string | null;
  consentGivenOn?: string | null;
}

/**
 * Facts looked up for the check. `today` is always known; an undefined fact means "not known
 * here" and the rules that need it are skipped (the server always knows them all).
 */
export interface DisclosureBasisContext {
  today: IsoDate;
  /** Whether `legalProcessId` names an existing legal-process record. */
  legalProcessExists?: boolean;
  /** Whether `consentRequestId` names an existing request. */
  consentRequestExists?: boolean;
  /** Whether `consentDocumentSha256` names a stored document. */
  consentDocumentExists?: boolean;
  /** Per subject id: the ids of that subject's CONFIRMED violation flags. */
  confirmedFlagsBySubject?: Readonly<Record<string, readonly string[]>>;
  /** Subject ids that opted out of sharing with business partners. */
  partnerSharingOptOuts?: readonly string[];
  /** Subject ids that exist. */
  knownSubjectIds?: readonly string[];
  /** How to name a subject in a message (their reference or name); defaults to "subject N". */
  subjectLabels?: Readonly<Record<string, string>>;
}

export type BasisErrors = Record<string, string>;

export interface BasisRule {
  id: string;
  /** The basis it applies to; absent: every disclosure. */
  basis?: DisclosureBasis;
  /** Where the rule comes from. */
  citation: string;
  /** What the rule asks, in words (shown beside the form). */
  description: string;
  check(input: DisclosureBasisInput, context: DisclosureBasisContext): BasisErrors;
}

const SHA256 = /^[0-9a-f]{64}$/;
const blank = (value: string | null | undefined) => !value || value.trim() === '';

function subjectName(
  input: DisclosureBasisInput,
  context: DisclosureBasisContext,
  index: number,
): string {
  const id = input.subjects[index]!.subjectId;
  return context.subjectLabels?.[id] ?? `subject ${index + 1}`;
}

/** The rules, in the order their messages are reported (the first message per field wins). */
export const BASIS_RULES: readonly BasisRule[] = [
  {
    id: 'data_categories',
    citation: 'HIPAA §164.528(b)(2)(iv); accounting must say what was disclosed',
    description: 'Name at least one category of data disclosed.',
    check: (input): BasisErrors => {
      if (input.dataCategories.length === 0)
        return { dataCategories: 'Name at least one category of data that was disclosed.' };
      const unknown = input.dataCategories.find(
        (c) => !(DATA_CATEGORIES as readonly string[]).includes(c),
      );
      return unknown ? { dataCategories: `"${unknown}" is not a data category.` } : {};
    },
  },
  {
    id: 'disclosed_on',
    citation: 'HIPAA §164.528(b)(2)(i); the date of each disclosure',
    description: 'The date it was disclosed, not in the future.',
    check: (input, context): BasisErrors => {
      if (!isIsoDate(input.disclosedOn))
        return { disclosedAt: 'Give the date it was disclosed, as YYYY-MM-DD.' };
      return input.disclosedOn > context.today
        ? { disclosedAt: `Cannot be in the future (today is ${context.today}).` }
        : {};
    },
  },
  {
    id: 'aggregated_has_no_subjects',
    citation: `${POLICY}: "aggregated, non-personal information … does not identify you individually"`,
    description: 'Aggregated statistics name no subject; any other disclosure names at least one.',
    check: (input, context): BasisErrors => {
      if (input.aggregated && input.subjects.length > 0)
        return { subjects: 'Aggregated statistics identify no one: remove the subjects.' };
      if (!input.aggregated && input.subjects.length === 0)
        return { subjects: 'Name at least one subject whose data was disclosed.' };
      const seen = new Set<string>();
      for (const [index, subject] of input.subjects.entries()) {
        if (seen.has(subject.subjectId))
          return { [`subjects.${index}.subjectId`]: 'This subject is named twice.' };
        seen.add(subject.subjectId);
        if (context.knownSubjectIds && !context.knownSubjectIds.includes(subject.subjectId))
          return { [`subjects.${index}.subjectId`]: 'No such subject.' };
      }
      return {};
    },
  },
  {
    id: 'consent_evidence',
    basis: 'consent',
    citation: `${POLICY}: "We also disclose User Information if: we have your consent"`,
    description:
      'Cite the evidence of consent: a request, a document, or a note with the date it was given.',
    check: (input, context): BasisErrors => {
      const hasRequest = !blank(input.consentRequestId);
      const hasDocument = !blank(input.consentDocumentSha256);
      const hasNote = !blank(input.consentNote);
      if (!hasRequest && !hasDocument && !hasNote)
        return {
          consentRequestId:
            'Consent needs its evidence: a request, a document (SHA-256) or a note with the date it was given.',
        };
      if (hasRequest && context.consentRequestExists === false)
        return { consentRequestId: 'No such request.' };
      if (hasDocument && !SHA256.test(input.consentDocumentSha256!))
        return { consentDocumentSha256: 'Must be a SHA-256 (64 lowercase hex digits).' };
      if (hasDocument && context.consentDocumentExists === false)
        return { consentDocumentSha256: 'No document with this SHA-256 is stored.' };
      if (hasNote && !isIsoDate(input.consentGivenOn))
        return { consentGivenOn: 'A note of consent needs the date it was given (YYYY-MM-DD).' };
      if (hasNote && input.consentGivenOn! > context.today)
        return { consentGivenOn: `Cannot be in the future (today is ${context.today}).` };
      return {};
    },
  },
  {
    id: 'legal_process_link',
    basis: 'legal_process',
    citation: `${POLICY}: "we respond to a court order"`,
    description: 'Link the legal-process record (LP-…) it answered.',
    check: (input, context): BasisErrors => {
      if (blank(input.legalProcessId))
        return { legalProcessId: 'Link the legal-process record this disclosure answered.' };
      return context.legalProcessExists === false
        ? { legalProcessId: 'No such legal-process record.' }
        : {};
    },
  },
  {
    id: 'tos_violation_confirmed_flag',
    basis: 'tos_violation',
    citation: `${POLICY}: "you violate our Terms of Service"`,
    description: 'Cite a confirmed violation flag for every subject.',
    check: (input, context): BasisErrors => {
      for (const [index, subject] of input.subjects.entries()) {
        const field = `subjects.${index}.violationFlagId`;
        const name = subjectName(input, context, index);
        if (blank(subject.violationFlagId))
          return { [field]: `Cite a confirmed violation flag for ${name}.` };
        const confirmed = context.confirmedFlagsBySubject?.[subject.subjectId];
        if (confirmed && !confirmed.includes(subject.violationFlagId!))
          return {
            [field]: `The flag cited for ${name} is not a confirmed violation flag of ${name}.`,
          };
      }
      return {};
    },
  },
  {
    id: 'partner_marketing_opt_out',
    basis: 'partner_marketing',
    citation: `${POLICY}: "we may share User Information with our business partners for marketing"; CCPA §1798.120 (right to opt out)`,
    description: 'Refused for a subject who opted out of sharing with partners.',
    check: (input, context): BasisErrors => {
      for (const [index, subject] of input.subjects.entries()) {
        if (context.partnerSharingOptOuts?.includes(subject.subjectId))
          return {
            [`subjects.${index}.subjectId`]: `${subjectName(input, context, index)} opted out of sharing with business partners.`,
          };
      }
      return {};
    },
  },
];

/** The rules that apply to a basis (its own, and those for every disclosure). */
export function basisRulesFor(basis: DisclosureBasis): BasisRule[] {
  return BASIS_RULES.filter((rule) => !rule.basis || rule.basis === basis);
}

/** Checks a disclosure against the rules of its basis: field → message, empty when valid. */
export function checkDisclosureBasis(
  input: DisclosureBasisInput,
  context: DisclosureBasisContext,
): BasisErrors {
  const errors: BasisErrors = {};
  for (const rule of basisRulesFor(input.basis)) {
    for (const [field, message] of Object.entries(rule.check(input, context))) {
      if (!(field in errors)) errors[field] = message;
    }
  }
  return errors;
}

/** The fields a form shows for a basis, beyond those every disclosure has. */
export function basisFields(
  basis: DisclosureBasis,
): ('legalProcessId' | 'consentEvidence' | 'violationFlags')[] {
  if (basis === 'legal_process') return ['legalProcessId'];
  if (basis === 'consent') return ['consentEvidence'];
  if (basis === 'tos_violation') return ['violationFlags'];
  return [];
}

/** The basis in words with the rules that apply, for the form's helper text. */
export function explainBasis(basis: DisclosureBasis): string {
  const own = BASIS_RULES.filter((rule) => rule.basis === basis);
  const label = DISCLOSURE_BASIS_LABELS[basis];
  return own.length
    ? `${label}: ${own.map((r) => `${r.description} (${r.citation})`).join(' ')}`
    : `${label}.`;
}
