/**
 * A letter to a person, as data: what the desk sends (an access package, a disclosure report,
 * a completion letter). `renderLetterHtml` and `renderLetterPdf` turn the same model into an
 * escaped HTML page and a PDF, so both say exactly the same thing.
 */
export type LetterBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'table'; caption?: string; rows: Array<[string, string]> }
  | { type: 'list'; items: string[] };

export interface LetterSection {
  heading: string;
  blocks: LetterBlock[];
}

export interface Letter {
  title: string;
  /** The request's reference, e.g. `PR-2026-000042`. */
  reference: string;
  /** A calendar date `YYYY-MM-DD` (or an instant), printed as `Monday 30 November 2026`. */
  date: string | Date;
  /** `Dear Ms Example,`; omitted when empty. */
  greeting?: string;
  /** Paragraphs before the first section. */
  intro?: string[];
  sections: LetterSection[];
  /** Paragraphs after the sections, before the signature. */
  closing?: string[];
  /** Default: `Privacy Desk`. */
  signature?: string;
}

export const paragraph = (text: string): LetterBlock => ({ type: 'paragraph', text });
export const table = (rows: Array<[string, string]>, caption?: string): LetterBlock => ({
  type: 'table',
  rows,
  ...(caption ? { caption } : {}),
});
export const list = (items: string[]): LetterBlock => ({ type: 'list', items });

export const DEFAULT_SIGNATURE = 'Privacy Desk';
