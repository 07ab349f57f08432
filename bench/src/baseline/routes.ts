import { claimBaselineRoutes } from '../scenarios/claim.baseline.js';
import { deepPageBaselineRoutes } from '../scenarios/deep-page.baseline.js';
import { exportBaselineRoutes } from '../scenarios/export.baseline.js';
import { intakeBaselineRoutes } from '../scenarios/intake.baseline.js';
import { listBaselineRoutes } from '../scenarios/list.baseline.js';
import { scrubBaselineRoutes } from '../scenarios/scrub.baseline.js';
import type { BaselineRoute } from './route.js';

/** Every scenario's baseline routes, by path (each path starts with the scenario's id). */
export const BASELINE_ROUTES: Record<string, BaselineRoute> = {
  ...listBaselineRoutes,
  ...deepPageBaselineRoutes,
  ...intakeBaselineRoutes,
  ...claimBaselineRoutes,
  ...scrubBaselineRoutes,
  ...exportBaselineRoutes,
};
