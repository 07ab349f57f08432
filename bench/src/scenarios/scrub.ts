import { notYet } from './not-yet.js';

export const scrubScenario = notYet('scrub', 'scrub', '—', 'not written yet');
