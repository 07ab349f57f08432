import { notYet } from './not-yet.js';

export const exportScenario = notYet('export', 'export', '—', 'not written yet');
