import { DENIAL_REASON_LABELS, DENIAL_REASONS } from '@privacy-desk/shared';

/** The denial reason a rejection records (the CCPA metrics group denials by it). */
export const DENIAL_CHOICE = {
  label: 'Grounds for denial',
  options: DENIAL_REASONS.map((value) => ({ value, label: DENIAL_REASON_LABELS[value] })),
  initial: 'other',
};
