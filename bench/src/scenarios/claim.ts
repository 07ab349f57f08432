import { notYet } from './not-yet.js';

export const claimScenario = notYet('claim', 'claim', '—', 'not written yet');
