import type { BaselineRoute } from '../baseline/route.js';
import { runSqlite3 } from './scrub.baseline.js';

/** Baseline routes of this scenario, served by the bare node:http baseline server. */
export const exportBaselineRoutes: Record<string, BaselineRoute> = {};

/**
 * The export's columns (shared/src/exports.ts, `disclosures`) in one SELECT, in the list's
 * default order (disclosed at, then id, newest first), with the joins the server needs for
 * them: the legal process (its reference and gag order), the amended record, the recording
 * user, and the count of subjects.
 */
export const EXPORT_BASELINE_SQL = `SELECT d.reference AS "Reference",
  strftime('%Y-%m-%dT%H:%M:%fZ', d.disclosed_at) AS "Disclosed at (UTC)",
  d.recipient_name AS "Recipient", d.recipient_type AS "Recipient type", d.basis AS "Basis",
  d.purpose AS "Purpose", d.data_categories AS "Data categories",
  (SELECT count(*) FROM disclosure_subjects ds WHERE ds.disclosure_id = d.id) AS "Subjects",
  CASE WHEN d.aggregated THEN 'true' ELSE 'false' END AS "Aggregated",
  lp.reference AS "Legal process",
  CASE WHEN lp.gag_order AND (lp.gag_until IS NULL OR lp.gag_until >= date('now'))
    THEN 'true' ELSE 'false' END AS "Under gag order",
  d.review_status AS "Review status", a.reference AS "Amends", u.name AS "Recorded by",
  strftime('%Y-%m-%dT%H:%M:%fZ', d.created_at) AS "Created at (UTC)", d.id AS "Id"
FROM disclosures d
LEFT JOIN legal_processes lp ON lp.id = d.legal_process_id
LEFT JOIN disclosures a ON a.id = d.amends_id
LEFT JOIN users u ON u.id = d.recorded_by_id
ORDER BY d.disclosed_at DESC, d.id DESC;`;

/**
 * Counts CSV records in a stream: a newline outside quotes ends a record (a quoted cell may
 * hold newlines; an escaped quote `""` toggles twice and changes nothing). Jumps from quote to
 * newline with Buffer.indexOf, so that counting keeps up with the stream it measures.
 */
export class CsvRecordCounter {
  records = 0;
  private quoted = false;
  private pending = false;

  push(chunk: Uint8Array): void {
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let at = 0;
    // Where the next quote and newline are (-1: none left), found again only once passed.
    let quote = -2;
    let newline = -2;
    while (at < buffer.length) {
      if (quote !== -1 && quote < at) quote = buffer.indexOf(34, at);
      if (this.quoted) {
        if (quote < 0) break;
        this.quoted = false;
        at = quote + 1;
        continue;
      }
      if (newline !== -1 && newline < at) newline = buffer.indexOf(10, at);
      if (quote >= 0 && (newline < 0 || quote < newline)) {
        this.quoted = true;
        at = quote + 1;
      } else if (newline >= 0) {
        this.records++;
        at = newline + 1;
      } else break;
    }
    if (buffer.length > 0) this.pending = buffer[buffer.length - 1] !== 10 || this.quoted;
  }

  /** Records so far, counting an unterminated last one. */
  end(): number {
    return this.records + (this.pending ? 1 : 0);
  }
}

/** `sqlite3 -csv -header` of the same columns, read as it is written: rows and seconds. */
export async function exportBaseline(
  databaseFile: string,
): Promise<{ seconds: number; rows: number }> {
  const counter = new CsvRecordCounter();
  const { seconds } = await runSqlite3(
    databaseFile,
    EXPORT_BASELINE_SQL + '\n',
    ['-csv', '-header'],
    (chunk) => counter.push(chunk),
  );
  return { seconds, rows: Math.max(0, counter.end() - 1) };
}
