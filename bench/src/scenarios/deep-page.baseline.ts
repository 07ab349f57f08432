import type { BaselineRoute } from '../baseline/route.js';
import { baselinePage } from './list.baseline.js';

/**
 * Baseline routes of the deep-page scenario: the list baseline's SQL at a deep offset, or after a
 * keyset cursor (`afterValue`, `afterId`) when Privacy Desk is reached through its cursor.
 */
export const deepPageBaselineRoutes: Record<string, BaselineRoute> = {
  '/deep-page/requests': (db, url) => baselinePage(db, 'requests', url),
  '/deep-page/disclosures': (db, url) => baselinePage(db, 'disclosures', url),
};
