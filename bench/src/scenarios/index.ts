import type { Scenario } from '../types.js';
import { claimScenario } from './claim.js';
import { consoleScenario } from './console.js';
import { deepPageScenario } from './deep-page.js';
import { exportScenario } from './export.js';
import { intakeScenario } from './intake.js';
import { listScenario } from './list.js';
import { scrubScenario } from './scrub.js';

/** Every scenario, in the order of the table. */
export const SCENARIOS: Scenario[] = [
  listScenario,
  deepPageScenario,
  intakeScenario,
  claimScenario,
  scrubScenario,
  exportScenario,
  consoleScenario,
];
