import { notYet } from './not-yet.js';

export const consoleScenario = notYet('console', 'console', '—', 'not written yet');
