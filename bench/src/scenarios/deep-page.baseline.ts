import type { BaselineRoute } from '../baseline/route.js';

/** Baseline routes of this scenario, served by the bare node:http baseline server. */
export const deepPageBaselineRoutes: Record<string, BaselineRoute> = {};
