import { notYet } from './not-yet.js';

export const intakeScenario = notYet('intake', 'intake', '—', 'not written yet');
