import type { Response } from 'express';
import { contentRange } from '../list/list-query.js';

/** Sets `Content-Range` for a page of a list and returns the rows. */
export function sendList<T>(
  res: Response,
  resource: string,
  range: string | undefined,
  page: { rows: T[]; total: number },
): T[] {
  let offset = 0;
  if (range) {
    const parsed: unknown = JSON.parse(range);
    if (Array.isArray(parsed) && typeof parsed[0] === 'number') offset = parsed[0];
  }
  res.setHeader('Content-Range', contentRange(resource, offset, page.rows.length, page.total));
  return page.rows;
}
