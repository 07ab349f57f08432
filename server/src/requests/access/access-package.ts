import type { SubjectAccountingDto } from '@privacy-desk/shared';
import type { SubjectSuppressionEntry } from './subject-suppressions.js';

/** The access package as data: what the JSON file holds, and what the letter is made from. */
export interface AccessPackage {
  /** The access request's reference. */
  reference: string;
  /** When it was assembled (ISO instant). */
  generatedAt: string;
  /** Every field we hold, with its current value (null: none held). */
  fields: Array<{ field: string; label: string; value: string | null }>;
  /** Every change to those fields, oldest first. */
  fieldHistory: Array<{
    field: string;
    label: string;
    oldValue: string | null;
    newValue: string | null;
    changedAt: string;
    /** A request reference, or "staff edit". */
    reason: string;
  }>;
  /** The person's requests, with what they asked and what we answered. */
  requests: Array<{
    reference: string;
    kind: string;
    kindLabel: string;
    status: string;
    statusLabel: string;
    channel: string;
    receivedAt: string;
    closedAt: string | null;
    request: unknown;
    resolution: string | null;
    reason: string | null;
    /** The request's timeline, without staff's internal notes. */
    timeline: Array<{ at: string; type: string; summary: string; message: string | null }>;
  }>;
  suppressions: SubjectSuppressionEntry[];
  /** The accounting of disclosures, in the view meant for the person. */
  disclosures: Omit<SubjectAccountingDto, 'subject' | 'view'>;
}

/** The subject's fields in words (the letter's labels). */
export const SUBJECT_FIELD_WORDS: Record<string, string> = {
  name: 'Name',
  company: 'Company',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  city: 'City',
  region: 'Region or state',
  postalCode: 'Postal code',
  country: 'Country',
  email: 'Email',
  phone: 'Phone',
  jobTitle: 'Job title',
  dateOfBirth: 'Date of birth',
};
