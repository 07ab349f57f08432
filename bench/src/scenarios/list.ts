import { notYet } from './not-yet.js';

export const listScenario = notYet('list', 'list', '—', 'not written yet');
