import { notYet } from './not-yet.js';

export const deepPageScenario = notYet('deep-page', 'deep-page', '—', 'not written yet');
