import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { HttpStatus, Injectable, Logger, OnModuleInit, StreamableFile } from '@nestjs/common';
import {
  EXPORT_DOWNLOAD_HOURS,
  EXPORT_JOB_STATUSES,
  EXPORT_LIST_LABELS,
  EXPORT_LIST_READ_PERMISSIONS,
  hasPermission,
} from '@privacy-desk/shared';
import type { ExportJobStatus } from '@privacy-desk/shared';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { ApiError, conflict, forbidden, notFound } from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import {
  CsvExportService,
  EXPORT_BATCH_SIZE,
  auditableFilter,
  csvRecords,
  exportParams,
  requireExportPermission,
} from './csv-export.service.js';
import type { CreateExportDto } from './export-job.dto.js';
import { ExportJob } from './export-job.entity.js';
import { ExportJobRepository } from './export-job.repository.js';

export const EXPORT_RUN_JOB = 'exports.run';
export const EXPORT_PURGE_JOB = 'exports.purge_expired';
export const EXPORT_PURGE_PERIOD_MS = 10 * 60_000;
/** The stored file is written in pieces of about this many characters. */
const CHUNK_CHARS = 1_000_000;

export const EXPORT_JOB_LIST_SPEC: ListSpec = {
  sortable: { createdAt: 'createdAt', status: 'status', list: 'list' },
  filterable: {
    status: { column: 'status', kind: 'exact', values: EXPORT_JOB_STATUSES },
    list: { column: 'list', kind: 'exact' },
  },
  defaultSort: ['createdAt', 'DESC'],
};

const RUNNING: readonly ExportJobStatus[] = ['queued', 'running'];

/**
 * Exports run in the background (the console uses them for large lists): each belongs to the
 * user who asked, reads the list as that user would, reports its progress, can be cancelled,
 * and its file can be downloaded by that user only, for 24 hours.
 */
@Injectable()
export class ExportJobsService implements OnModuleInit {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly exports: ExportJobRepository,
    private readonly csv: CsvExportService,
    private readonly runner: JobRunnerService,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.runner.register(EXPORT_RUN_JOB, (payload) => this.run(payload), {
      transactional: false,
      maxAttempts: 1,
      onDead: (payload) => this.abandoned(payload),
    });
    this.runner.register(EXPORT_PURGE_JOB, () => this.purgeExpired().then(() => undefined));
    this.runner.registerRecurring(EXPORT_PURGE_JOB, EXPORT_PURGE_PERIOD_MS);
  }

  get backgroundThreshold(): number {
    return this.config.env.EXPORT_BACKGROUND_THRESHOLD;
  }

  /** Queues an export of a list with its filter and sort, for this user. */
  async create(actor: Actor, body: CreateExportDto): Promise<ExportJob> {
    requireExportPermission(actor);
    if (
      !actor.id ||
      !actor.role ||
      !hasPermission(actor.role, EXPORT_LIST_READ_PERMISSIONS[body.list])
    )
      throw forbidden(`You may not read the ${EXPORT_LIST_LABELS[body.list]} list`);
    const params = exportParams({ filter: body.filter, sort: body.sort });
    // Counts the rows, and refuses a bad filter or sort with a 422 now, not in the job.
    const { total } = await this.csv.readerFor(body.list, actor)({ ...params, range: '[0,0]' });
    const now = this.clock.now();
    const job = Object.assign(new ExportJob(), {
      id: randomUUID(),
      ownerId: actor.id,
      ownerRole: actor.role,
      ownerLabel: actor.label,
      list: body.list,
      filter: typeof params.filter === 'string' && params.filter !== '' ? params.filter : '{}',
      sort: typeof params.sort === 'string' && params.sort !== '' ? params.sort : null,
      status: 'queued' as const,
      rowsDone: 0,
      rowsTotal: total,
      error: null,
      createdAt: now,
      finishedAt: null,
      expiresAt: null,
    });
    await this.tx.run(async () => {
      await this.exports.insert(job);
      await this.audit.record(actor, {
        action: 'export.requested',
        entityType: 'export',
        entityId: job.id,
        summary: `Background CSV export of ${EXPORT_LIST_LABELS[job.list]} requested: ${total} rows; filter ${auditableFilter(job.filter)}; sort ${job.sort ?? 'default'}`,
      });
    });
    await this.runner.enqueue(EXPORT_RUN_JOB, { exportId: job.id });
    return job;
  }

  list(actor: Actor, params: RawListParams) {
    return this.exports.findPageOf(actor.id ?? '', parseListQuery(params, EXPORT_JOB_LIST_SPEC));
  }

  /** One of this user's exports; anyone else's is not found. */
  async get(actor: Actor, id: string): Promise<ExportJob> {
    const job = await this.exports.findById(id);
    if (!job || job.ownerId !== actor.id) throw notFound('Export');
    return job;
  }

  async cancel(actor: Actor, id: string): Promise<ExportJob> {
    const job = await this.get(actor, id);
    await this.tx.run(async () => {
      if (
        !(await this.exports.transition(id, RUNNING, 'cancelled', { finishedAt: this.clock.now() }))
      )
        throw conflict(
          `This export is ${job.status}: only a queued or running export can be cancelled`,
          'export_not_running',
        );
      await this.audit.record(actor, {
        action: 'export.cancel_requested',
        entityType: 'export',
        entityId: id,
        summary: `Background CSV export of ${EXPORT_LIST_LABELS[job.list]} cancelled by its owner`,
      });
    });
    return (await this.exports.findById(id))!;
  }

  /** The file of a finished export, to its owner only, until it expires. */
  async download(actor: Actor, id: string, res: Response): Promise<StreamableFile> {
    const job = await this.get(actor, id);
    if (job.status === 'expired' || (job.status === 'done' && job.expiresAt! <= this.clock.now()))
      throw new ApiError(
        HttpStatus.GONE,
        'export_expired',
        `This export expired; exports can be downloaded for ${EXPORT_DOWNLOAD_HOURS} hours. Export the list again.`,
      );
    if (job.status !== 'done')
      throw conflict(
        `This export is ${job.status}; it can be downloaded once it is done`,
        'export_not_ready',
      );
    await this.tx.run(() =>
      this.audit.record(actor, {
        action: 'export.downloaded',
        entityType: 'export',
        entityId: id,
        summary: `Background CSV export of ${EXPORT_LIST_LABELS[job.list]} downloaded: ${job.rowsDone} rows`,
      }),
    );
    const exports = this.exports;
    async function* chunks() {
      for (let seq = 0; ; seq++) {
        const data = await exports.chunk(id, seq);
        if (data === null) return;
        yield data;
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(Readable.from(chunks()), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${job.list}-${job.createdAt.toISOString().replace(/[:.]/g, '-')}.csv"`,
    });
  }

  /** The job: writes the CSV in chunks, reports progress per batch, stops when cancelled. */
  async run(payload: unknown): Promise<void> {
    const id = (payload as { exportId?: unknown } | null)?.exportId;
    if (typeof id !== 'string') return;
    const job = await this.exports.findById(id);
    if (!job || !(await this.tx.run(() => this.exports.transition(id, ['queued'], 'running'))))
      return;
    const owner = ownerOf(job);
    const params = exportParams({ filter: job.filter, sort: job.sort ?? undefined });
    const progress = {
      rows: 0,
      shouldStop: async () => {
        await this.tx.run(() => this.exports.setProgress(id, progress.rows));
        return (await this.exports.statusOf(id)) !== 'running';
      },
    };
    let seq = 0;
    let pending = '';
    let records: string[][] = [];
    const flush = async (force: boolean) => {
      pending += stringify(records);
      records = [];
      if (pending.length >= CHUNK_CHARS || (force && pending.length > 0)) {
        const data = pending;
        pending = '';
        await this.tx.run(() => this.exports.appendChunk(id, seq++, data));
      }
    };
    try {
      for await (const record of csvRecords(
        job.list,
        params,
        this.csv.readerFor(job.list, owner),
        progress,
      )) {
        records.push(record);
        if (records.length >= EXPORT_BATCH_SIZE) await flush(false);
      }
      await flush(true);
      const now = this.clock.now();
      const done = await this.tx.run(async () => {
        const moved = await this.exports.transition(id, ['running'], 'done', {
          rowsDone: progress.rows,
          finishedAt: now,
          expiresAt: new Date(now.getTime() + EXPORT_DOWNLOAD_HOURS * 3_600_000),
        });
        if (moved) await this.recordOutcome(owner, job, 'completed', progress.rows);
        return moved;
      });
      if (!done) await this.stopped(owner, job, progress.rows);
    } catch (error) {
      this.logger.error(`Background export ${id} failed: ${(error as Error).message}`);
      await this.tx.run(async () => {
        await this.exports.deleteChunks(id);
        await this.exports.transition(id, RUNNING, 'failed', {
          rowsDone: progress.rows,
          finishedAt: this.clock.now(),
          error: 'The export failed; try again, or export a smaller part of the list.',
        });
        await this.recordOutcome(owner, job, 'failed', progress.rows);
      });
    }
  }

  /**
   * The worker running this export stopped (its lease ran out, and the job is dead): the export
   * would otherwise show "running" for ever. Runs in the runner's transaction.
   */
  private async abandoned(payload: unknown): Promise<void> {
    const id = (payload as { exportId?: unknown } | null)?.exportId;
    if (typeof id !== 'string') return;
    const job = await this.exports.findById(id);
    if (!job) return;
    const moved = await this.exports.transition(id, RUNNING, 'failed', {
      finishedAt: this.clock.now(),
      error: 'The export stopped when the server running it did; export the list again.',
    });
    // A finished export keeps its file, even if its worker stopped just after.
    if (!moved) return;
    await this.exports.deleteChunks(id);
    await this.recordOutcome(ownerOf(job), job, 'failed', job.rowsDone);
  }

  /** Cancelled while running: the partial file goes, the rows written so far are recorded. */
  private async stopped(owner: Actor, job: ExportJob, rows: number): Promise<void> {
    await this.tx.run(async () => {
      await this.exports.deleteChunks(job.id);
      await this.exports.setProgress(job.id, rows);
      await this.recordOutcome(owner, job, 'cancelled', rows);
    });
  }

  private recordOutcome(
    owner: Actor,
    job: ExportJob,
    outcome: 'completed' | 'failed' | 'cancelled',
    rows: number,
  ) {
    return this.audit.record(owner, {
      action: `export.${outcome}`,
      entityType: 'export',
      entityId: job.id,
      summary: `Background CSV export of ${EXPORT_LIST_LABELS[job.list]} ${outcome}: ${rows} rows; filter ${auditableFilter(job.filter)}; sort ${job.sort ?? 'default'}`,
    });
  }

  /** Deletes the files of exports past their 24 hours; returns how many. */
  async purgeExpired(): Promise<number> {
    let purged = 0;
    for (;;) {
      const expired = await this.exports.findExpired(this.clock.now());
      if (expired.length === 0) return purged;
      for (const job of expired) {
        await this.tx.run(async () => {
          await this.exports.deleteChunks(job.id);
          await this.exports.transition(job.id, ['done'], 'expired');
        });
        purged++;
      }
    }
  }
}

/** The export's owner, as whom its job reads the list and records its outcome. */
function ownerOf(job: ExportJob): Actor {
  return { type: 'user', id: job.ownerId, label: job.ownerLabel, role: job.ownerRole };
}
