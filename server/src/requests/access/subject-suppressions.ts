import { Injectable } from '@nestjs/common';

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
 * The port through which the access package reads a subject's suppressions. The suppression
 * list lives in its own feature (server/src/suppressions/); until it is wired here, the default
 * says there are none. At merge, the lead provides the suppression feature's implementation in
 * RequestsModule: `{ provide: SubjectSuppressions, useClass: <the suppression list's adapter> }`.
 */
export abstract class SubjectSuppressions {
  abstract forSubject(subjectId: string): Promise<SubjectSuppressionEntry[]>;
}

/** Default until the suppression list is wired in: no entries. */
@Injectable()
export class NoSubjectSuppressions extends SubjectSuppressions {
  async forSubject(): Promise<SubjectSuppressionEntry[]> {
    return [];
  }
}
