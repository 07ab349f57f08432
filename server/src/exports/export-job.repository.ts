import { Injectable } from '@nestjs/common';
import type { ExportJobStatus } from '@privacy-desk/shared';
import { In, LessThan } from 'typeorm';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { ExportChunk, ExportJob } from './export-job.entity.js';

/** The only queries of background exports and their files. */
@Injectable()
export class ExportJobRepository {
  constructor(private readonly tx: TransactionService) {}

  private get jobs() {
    return this.tx.manager.getRepository(ExportJob);
  }

  private get chunks() {
    return this.tx.manager.getRepository(ExportChunk);
  }

  async insert(job: ExportJob): Promise<void> {
    await this.jobs.insert(job);
  }

  findById(id: string): Promise<ExportJob | null> {
    return this.jobs.findOneBy({ id });
  }

  findPageOf(ownerId: string, query: ListQuery): Promise<Page<ExportJob>> {
    const qb = this.jobs.createQueryBuilder('export').where('export.ownerId = :ownerId', {
      ownerId,
    });
    return findPage(qb, query);
  }

  /** Moves a job from one of `from` to `to` (with the given fields); false if it was not in `from`. */
  async transition(
    id: string,
    from: readonly ExportJobStatus[],
    to: ExportJobStatus,
    fields: Partial<
      Pick<ExportJob, 'rowsDone' | 'rowsTotal' | 'error' | 'finishedAt' | 'expiresAt'>
    > = {},
  ): Promise<boolean> {
    const result = await this.jobs
      .createQueryBuilder()
      .update(ExportJob)
      .set({ status: to, ...fields })
      .where('id = :id AND status IN (:...from)', { id, from: [...from] })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async setProgress(id: string, rowsDone: number): Promise<void> {
    await this.jobs.update({ id }, { rowsDone });
  }

  async statusOf(id: string): Promise<ExportJobStatus | null> {
    const job = await this.jobs.findOne({ where: { id }, select: { id: true, status: true } });
    return job?.status ?? null;
  }

  async appendChunk(exportId: string, seq: number, data: string): Promise<void> {
    await this.chunks.insert({ exportId, seq, data });
  }

  /** One chunk of a file, or null past its end (read one at a time: memory stays flat). */
  async chunk(exportId: string, seq: number): Promise<string | null> {
    const row = await this.chunks.findOneBy({ exportId, seq });
    return row?.data ?? null;
  }

  async deleteChunks(exportId: string): Promise<void> {
    await this.chunks.delete({ exportId });
  }

  /** Finished exports whose download expired before `now` and still hold a file. */
  async findExpired(now: Date): Promise<ExportJob[]> {
    return this.jobs.find({
      where: { status: In(['done']), expiresAt: LessThan(now) },
      take: 100,
    });
  }
}
