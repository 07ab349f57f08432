/**
 * Whether a non-disclosure (gag) order is in force on a given day. An order holds through its
 * `gagUntil` day (inclusive, in the desk's time zone), or indefinitely when it has no date.
 * `today` is `YYYY-MM-DD` in the desk's time zone, from the injected clock.
 */
export interface GagTerms {
  gagOrder: boolean;
  gagUntil: string | null;
}

export function isGagInForce(terms: GagTerms, today: string): boolean {
  if (!terms.gagOrder) return false;
  return terms.gagUntil === null || today <= terms.gagUntil;
}

/** The day a gag order lapses on (the first day it no longer holds), or null if indefinite. */
export function gagLapsesOn(terms: GagTerms): string | null {
  if (!terms.gagOrder || terms.gagUntil === null) return null;
  const next = new Date(`${terms.gagUntil}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export function explainGag(terms: GagTerms, today: string): string {
  if (!terms.gagOrder) return 'No non-disclosure order: the subjects may be told.';
  if (terms.gagUntil === null) {
    return 'A non-disclosure order holds indefinitely: the subjects must not be told until it is lifted.';
  }
  return isGagInForce(terms, today)
    ? `A non-disclosure order holds until ${terms.gagUntil} (inclusive): the subjects must not be told before it lapses.`
    : `The non-disclosure order lapsed after ${terms.gagUntil}: each subject is to be told.`;
}
