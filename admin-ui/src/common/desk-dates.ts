import { dateInZone, formatDateIn, formatDateTimeIn } from '@privacy-desk/shared';

/**
 * The desk's time zone, from the session (`deskTimeZone`); the console renders only after the
 * session check, so every screen formats with it. Signed out, the browser's own zone.
 */
let deskTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function setDeskTimeZone(timeZone: string | undefined): void {
  if (timeZone) deskTimeZone = timeZone;
}

export function getDeskTimeZone(): string {
  return deskTimeZone;
}

/** "Nov 28, 2026": where only the day means something (received on, due, a period). */
export const formatDeskDate = (value: string | Date | null | undefined, empty?: string) =>
  formatDateIn(value, deskTimeZone, empty);

/** "Nov 28, 2026, 2:05 PM": where the moment means something (sent, signed in, decided). */
export const formatDeskDateTime = (value: string | Date | null | undefined, empty?: string) =>
  formatDateTimeIn(value, deskTimeZone, empty);

/** Today's date (`2026-11-28`) in the desk's zone, as the server counts "not in the future". */
export const deskToday = (): string => dateInZone(new Date(), deskTimeZone);
