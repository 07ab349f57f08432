import { Readable } from 'node:stream';
import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { EXPORT_COLUMNS, EXPORT_LIST_LABELS, exportCell } from '@privacy-desk/shared';
import type { ExportList } from '@privacy-desk/shared';
import { hasPermission } from '@privacy-desk/shared';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { forbidden } from '../common/errors/domain-errors.js';
import type { ListCursor, Page, RawListParams } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';

/** Rows read per query: a list's default page limit (every list allows 500). */
export const EXPORT_BATCH_SIZE = 500;

/**
 * Reads one batch of a list, in the list's own API shape, for the given list parameters
 * (sort, filter, a range, `skipCount`, and `after`: where the previous batch ended). Every
 * list plugs its own `list` and `present` in here, so a filter and a sort mean the same in
 * the file as on the screen.
 */
export type ListBatchReader = (params: RawListParams) => Promise<ListBatch>;

export interface ListBatch {
  rows: readonly unknown[];
  /** The list's total (-1 when the reader was asked not to count). */
  total: number;
  /** Where the batch ended, when the list's order allows continuing by keyset. */
  next?: ListCursor;
}

/** A batch from a page of a list and its rows presented in the API shape. */
export async function batchOf<T>(
  page: Page<T>,
  present: (rows: T[]) => readonly unknown[] | Promise<readonly unknown[]>,
): Promise<ListBatch> {
  return {
    rows: await present(page.rows),
    total: page.total,
    ...(page.next ? { next: page.next } : {}),
  };
}

export type ExportOutcome = 'completed' | 'aborted' | 'failed';

/** The list parameters an export keeps: its filter and sort (never a page range). */
export function exportParams(params: { sort?: unknown; filter?: unknown }): RawListParams {
  return {
    ...(params.sort !== undefined ? { sort: params.sort } : {}),
    ...(params.filter !== undefined ? { filter: params.filter } : {}),
  };
}

/** Refuses an export to whoever lacks `reports.export`, even when they may read the list. */
export function requireExportPermission(actor: Actor): void {
  if (!actor.role || !hasPermission(actor.role, 'reports.export')) {
    throw forbidden('Exporting a list needs the reports.export permission');
  }
}

/**
 * Reads a whole list in its own order, batch by batch, and yields CSV records: the header
 * first, then one record per row. Each batch continues where the last ended (after its last
 * row's sort value and id, so it is an index range, not an offset; by offset only for an
 * order computed by an expression). Memory holds one batch at a time, whatever the list's size.
 */
export async function* csvRecords(
  list: ExportList,
  params: RawListParams,
  read: ListBatchReader,
  progress: { rows: number; shouldStop?: () => boolean | Promise<boolean> },
  first?: ListBatch,
): AsyncGenerator<string[]> {
  for await (const records of csvBatches(list, params, read, progress, first)) yield* records;
}

/** As `csvRecords`, a batch of records at a time (the header alone first). */
export async function* csvBatches(
  list: ExportList,
  params: RawListParams,
  read: ListBatchReader,
  progress: { rows: number; shouldStop?: () => boolean | Promise<boolean> },
  first?: ListBatch,
): AsyncGenerator<string[][]> {
  const columns = EXPORT_COLUMNS[list];
  yield [columns.map((c) => c.label)];
  // Each column's path is split once per export, not once per cell.
  const values = columns.map((c) => fieldReader(c.field));
  let batch = first ?? (await readBatch(read, params, 0));
  for (;;) {
    yield batch.rows.map((row) => values.map((value) => exportCell(value(row))));
    progress.rows += batch.rows.length;
    if (batch.rows.length < EXPORT_BATCH_SIZE || (await progress.shouldStop?.())) return;
    batch = await readBatch(read, params, progress.rows, batch.next);
  }
}

/**
 * Reads a (dotted) field of a row as `exportFieldValue` does (own properties only; undefined
 * past a null or a non-object), with the path split once.
 */
export function fieldReader(field: string): (row: unknown) => unknown {
  const steps = field.split('.');
  return (row) => {
    let value: unknown = row;
    for (const step of steps) {
      if (value === null || value === undefined || typeof value !== 'object') return undefined;
      value = Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
    }
    return value;
  };
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * As `csvBatches`, each batch's CSV text as one chunk (the header alone first). While the
 * response is not ready for more, only the chunk waits: the batch's rows and records are
 * garbage by then, so they die young instead of being promoted and piling up until the next
 * full collection (a slow reader made the heap swing between 50 and 225 MB).
 */
export async function* csvChunks(
  list: ExportList,
  params: RawListParams,
  read: ListBatchReader,
  progress: { rows: number; shouldStop?: () => boolean | Promise<boolean> },
  first?: ListBatch,
): AsyncGenerator<Buffer> {
  const columns = EXPORT_COLUMNS[list];
  yield Buffer.from(csvText([columns.map((c) => c.label)]));
  const values = columns.map((c) => fieldReader(c.field));
  // A batch is only ever a temporary here: what waits across a yield is its chunk.
  let rendered = renderBatch(first ?? (await readBatch(read, params, 0)), values);
  for (;;) {
    yield rendered.chunk;
    progress.rows += rendered.rows;
    if (rendered.rows < EXPORT_BATCH_SIZE || (await progress.shouldStop?.())) return;
    rendered = renderBatch(await readBatch(read, params, progress.rows, rendered.next), values);
  }
}

/** A batch as CSV bytes, and what continuing needs (its size and where it ended). */
function renderBatch(
  batch: ListBatch,
  values: readonly ((row: unknown) => unknown)[],
): { chunk: Buffer; rows: number; next?: ListCursor } {
  let text = '';
  for (const row of batch.rows) {
    for (let i = 0; i < values.length; i++) {
      if (i > 0) text += ',';
      text += csvCell(exportCell(values[i]!(row)));
    }
    text += '\n';
  }
  return { chunk: Buffer.from(text), rows: batch.rows.length, next: batch.next };
}

/** A cell as csv-stringify writes it by default: quoted where it holds a comma, quote or break. */
function csvCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * CSV text of records, as csv-stringify writes it by default (comma, `"` quotes where a cell
 * holds a comma, a quote or a line break, `\n` after each record), without a stream per record.
 */
export function csvText(records: readonly (readonly string[])[]): string {
  let text = '';
  for (const record of records) {
    for (let i = 0; i < record.length; i++) {
      if (i > 0) text += ',';
      text += csvCell(record[i]!);
    }
    text += '\n';
  }
  return text;
}

export function readBatch(
  read: ListBatchReader,
  params: RawListParams,
  offset: number,
  after?: ListCursor,
): Promise<ListBatch> {
  const start = after ? 0 : offset;
  return read({
    ...params,
    range: JSON.stringify([start, start + EXPORT_BATCH_SIZE - 1]),
    skipCount: true,
    ...(after ? { after } : {}),
  });
}

/** A filter for the audit trail: free text (which may name a person) is not written there. */
export function auditableFilter(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') return '{}';
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return '{}';
    const safe = Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).map(([key, value]) => [
        key,
        key === 'q' || (typeof value === 'string' && value.includes('@')) ? '[text]' : value,
      ]),
    );
    return JSON.stringify(safe);
  } catch {
    return '{}';
  }
}

/** Streams a list as CSV (`GET /api/<list>?format=csv`), and audits it when the stream ends. */
@Injectable()
export class CsvExportService {
  private readonly logger = new Logger('CsvExport');

  constructor(
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  private readonly readers = new Map<ExportList, (actor: Actor) => ListBatchReader>();

  /** Each list says how it reads a batch for a user (its controller registers it once). */
  register(list: ExportList, reader: (actor: Actor) => ListBatchReader): void {
    this.readers.set(list, reader);
  }

  /** The batch reader of a list, as this user reads it (their views and actions). */
  readerFor(list: ExportList, actor: Actor): ListBatchReader {
    const reader = this.readers.get(list);
    if (!reader) throw new Error(`No export reader is registered for ${list}`);
    return reader(actor);
  }

  async stream(
    actor: Actor,
    list: ExportList,
    params: { sort?: unknown; filter?: unknown },
    res: Response,
  ): Promise<StreamableFile> {
    requireExportPermission(actor);
    const read = this.readerFor(list, actor);
    const kept = exportParams(params);
    // The first batch is read before anything is sent: a bad filter or sort is a plain 422.
    const first = await readBatch(read, kept, 0);
    const progress = { rows: 0, error: undefined as unknown };
    // A batch's CSV text is one chunk: the stream pays per batch, not per row or cell.
    const chunks = csvChunks(list, kept, read, progress, first);
    const csv = Readable.from(guarded(chunks, progress), { objectMode: false });
    res.once('close', () => {
      const outcome: ExportOutcome = progress.error
        ? 'failed'
        : res.writableFinished
          ? 'completed'
          : 'aborted';
      if (progress.error)
        this.logger.error(`CSV export of ${list} failed: ${String(progress.error)}`);
      void this.recordExport(actor, list, kept, progress.rows, outcome).catch((error: unknown) =>
        this.logger.error(`Could not audit a CSV export of ${list}: ${String(error)}`),
      );
    });
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${this.fileName(list)}"`,
    });
  }

  fileName(list: ExportList): string {
    const stamp = this.clock.now().toISOString().replace(/[:.]/g, '-');
    return `${list}-${stamp}.csv`;
  }

  /** One audit entry per export: who, which list, filters, sort, rows, and how it ended. */
  recordExport(
    actor: Actor,
    list: ExportList,
    params: RawListParams,
    rows: number,
    outcome: ExportOutcome | 'cancelled',
    entityId: string = list,
  ): Promise<unknown> {
    const sort = typeof params.sort === 'string' && params.sort !== '' ? params.sort : 'default';
    return this.tx.run(() =>
      this.audit.record(actor, {
        action: `export.${outcome}`,
        entityType: 'export',
        entityId,
        summary: `CSV export of ${EXPORT_LIST_LABELS[list]} ${outcome}: ${rows} rows; filter ${auditableFilter(params.filter)}; sort ${sort}`,
      }),
    );
  }
}

/** Passes the records through, remembering an error thrown while reading the list. */
async function* guarded(
  chunks: AsyncGenerator<Buffer>,
  progress: { error: unknown },
): AsyncGenerator<Buffer> {
  try {
    yield* chunks;
  } catch (error) {
    progress.error = error;
    throw error;
  }
}
