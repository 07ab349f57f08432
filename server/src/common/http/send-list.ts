import type { Response } from 'express';
import { contentRange } from '../list/list-query.js';
import type { Page } from '../list/list-query.js';

/** Sets `Content-Range` for a page of a list and returns the rows. */
export function sendList<T>(res: Response, resource: string, page: Page<T>): T[] {
  res.setHeader('Content-Range', contentRange(resource, page.offset, page.rows.length, page.total));
  // Above EXACT_COUNT_LIMIT rows the total is a count made at most COUNT_CACHE_MS ago.
  if (page.totalAsOf) res.setHeader('X-Total-As-Of', page.totalAsOf.toISOString());
  if (page.nextCursor) res.setHeader('X-Next-Cursor', page.nextCursor);
  return page.rows;
}
