import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { ScrubKey, SuppressionScope } from '@privacy-desk/shared';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { ApiError, validationError } from '../common/errors/domain-errors.js';
import { TransactionService } from '../database/transaction.service.js';
import { normaliseEmail } from '../users/users.service.js';
import { ScrubTables } from './scrub-table.js';
import type { ScrubRow, ScrubTable } from './scrub-table.js';

/** Rows per insert (3 parameters each: within both databases' limits) and per result page. */
const BATCH = 500;
const PAGE = 2000;
/** One call takes a mailing list of millions; beyond this it is refused (413). */
export const MAX_SCRUB_ROWS = 10_000_000;
const MAX_VALUE = 500;
const SHA256 = /^[0-9a-f]{64}$/;

/** Waits until the client takes more, or went away (then the scrub stops). */
const drainedOrClosed = (res: Response) =>
  Promise.race([once(res, 'drain'), once(res, 'close')]).then(() => undefined);

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

interface ScrubCounts {
  key: ScrubKey;
  rowsIn: number;
  skipped: number;
}

/**
 * Scrubs a mailing list against the active suppressions: the upload is read as a stream
 * (CSV with an `email` or `sha256` column, or NDJSON lines `{"email": …}` / `{"sha256": …}`),
 * written in batches to a temporary table on disk, then one indexed join streams back the
 * suppressed rows as CSV. Memory holds one batch and one page, whatever the list's size.
 */
@Injectable()
export class ScrubService {
  constructor(
    private readonly tables: ScrubTables,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
  ) {}

  async scrub(
    actor: Actor,
    req: Request,
    res: Response,
    scope: SuppressionScope | null,
  ): Promise<void> {
    const format = req.is('text/csv') ? 'csv' : req.is('application/x-ndjson') ? 'ndjson' : null;
    if (!format) {
      throw new ApiError(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        'Send the list as text/csv (an email or sha256 column) or application/x-ndjson',
      );
    }
    const opened: { table: ScrubTable | null } = { table: null };
    try {
      const counts = await this.ingest(format, req, async (key) => {
        opened.table = await this.tables.open(key, scope);
        return opened.table;
      });
      if (!opened.table) {
        throw validationError({ body: 'The list is empty: send at least one row' });
      }
      const rowsOut = await this.respond(opened.table, counts, res);
      await this.tx.run(() =>
        this.audit.record(actor, {
          action: 'suppression.scrubbed',
          entityType: 'suppression',
          summary: `Scrub by ${counts.key}${scope ? ` (scope ${scope})` : ''}: ${counts.rowsIn} rows in, ${counts.skipped} skipped as unreadable, ${rowsOut} suppressed rows out`,
        }),
      );
      res.end();
    } finally {
      if (opened.table) await opened.table.close();
    }
  }

  /** Reads the upload into the table, batch by batch, yielding between batches. */
  private async ingest(
    format: 'csv' | 'ndjson',
    req: Request,
    open: (key: ScrubKey) => Promise<ScrubTable>,
  ): Promise<ScrubCounts> {
    let key: ScrubKey | null = null;
    let table: ScrubTable | null = null;
    let batch: ScrubRow[] = [];
    const counts = { rowsIn: 0, skipped: 0 };
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const rows = batch;
      batch = [];
      await table.insert(rows);
      await yieldToOthers();
    };
    const take = async (record: Record<string, unknown>, where: string) => {
      if (!key) {
        key = 'email' in record ? 'email' : 'sha256' in record ? 'sha256' : null;
        if (!key)
          throw validationError({ body: `${where} has neither an email nor a sha256 field` });
        table = await open(key);
      }
      counts.rowsIn += 1;
      if (counts.rowsIn > MAX_SCRUB_ROWS) {
        throw new ApiError(
          HttpStatus.PAYLOAD_TOO_LARGE,
          'payload_too_large',
          `A scrub takes at most ${MAX_SCRUB_ROWS.toLocaleString('en-US')} rows; split the list`,
        );
      }
      const raw = record[key];
      const original = typeof raw === 'string' ? raw.slice(0, MAX_VALUE) : '';
      const matchKey = key === 'email' ? normaliseEmail(original) : original.trim().toLowerCase();
      const readable = key === 'email' ? matchKey.includes('@') : SHA256.test(matchKey);
      if (!readable) {
        counts.skipped += 1;
        return;
      }
      batch.push({ n: counts.rowsIn, original, key: matchKey });
      if (batch.length >= BATCH) await flush();
    };

    if (format === 'csv') {
      const parser = req.pipe(
        parse({
          bom: true,
          columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
          skip_empty_lines: true,
          relax_column_count: true,
          trim: true,
        }),
      );
      try {
        for await (const record of parser) {
          await take(record as Record<string, unknown>, 'The CSV header');
        }
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw validationError({ body: `The CSV could not be read: ${(error as Error).message}` });
      }
    } else {
      const lines = createInterface({ input: req, crlfDelay: Infinity });
      let lineNumber = 0;
      for await (const line of lines) {
        lineNumber += 1;
        if (line.trim() === '') continue;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch {
          throw validationError({ body: `Line ${lineNumber} is not JSON` });
        }
        if (!record || typeof record !== 'object' || Array.isArray(record)) {
          throw validationError({ body: `Line ${lineNumber} is not a JSON object` });
        }
        await take(record as Record<string, unknown>, `Line ${lineNumber}`);
      }
    }
    await flush();
    return { key: key ?? 'email', ...counts };
  }

  /** Streams the suppressed rows as CSV, page by page, honouring back-pressure. */
  private async respond(table: ScrubTable, counts: ScrubCounts, res: Response): Promise<number> {
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="suppressed.csv"');
    res.setHeader('X-Scrub-Rows-In', String(counts.rowsIn));
    res.setHeader('X-Scrub-Rows-Skipped', String(counts.skipped));
    let after = 0;
    let out = 0;
    res.write(stringify([[counts.key]]));
    for (;;) {
      const page = await table.suppressedAfter(after, PAGE);
      const chunk = stringify(page.map((r) => [r.original]));
      if (chunk && !res.write(chunk)) await drainedOrClosed(res);
      if (res.destroyed) break;
      out += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.n;
      await yieldToOthers();
    }
    return out;
  }
}
