/** One suppression entry as the person sees it in their access package. */
export interface SubjectSuppressionEntry {
  /** `marketing_contact`, `partner_sharing`, … */
  scope: string;
  /** `email`, `phone`, `post`. */
  channel: string;
  /** The suppressed address (normalised email, E.164 phone, postal address). */
  value: string;
  /** When it took effect (ISO instant). */
  since: string;
  /** The request that wrote it, if any. */
  sourceReference: string | null;
}

/**
 * The port through which the access package reads a subject's suppressions; the suppression
 * list (server/src/suppressions/) answers it through `SuppressionListEntries`.
 */
export abstract class SubjectSuppressions {
  abstract forSubject(subjectId: string): Promise<SubjectSuppressionEntry[]>;
}
