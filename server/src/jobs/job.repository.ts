import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { Job } from './job.entity.js';
import type { JobStatus } from './job.entity.js';

export interface ClaimedBy {
  workerId: string;
  attempt: number;
}

@Injectable()
export class JobRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(Job);
  }

  async insert(job: Job): Promise<void> {
    await this.repo.insert(job);
  }

  /** Inserts unless a job with the same unique key exists (recurring jobs). True if inserted. */
  async insertUnique(job: Job): Promise<boolean> {
    await this.repo.createQueryBuilder().insert().into(Job).values(job).orIgnore().execute();
    const stored = await this.repo.findOneBy({ uniqueKey: job.uniqueKey! });
    return stored?.id === job.id;
  }

  findById(id: string): Promise<Job | null> {
    return this.repo.findOneBy({ id });
  }

  findPage(query: ListQuery, options: { hideRoutine?: boolean } = {}): Promise<Page<Job>> {
    const qb = this.repo.createQueryBuilder('job');
    if (options.hideRoutine)
      qb.where("NOT (job.uniqueKey IS NOT NULL AND job.status = 'succeeded')");
    return findPage(qb, query);
  }

  /**
   * Claims up to `limit` due jobs for one worker: pending ones whose time has come, and running
   * ones whose lease ran out (their worker died). On PostgreSQL the row locks skip rows another
   * instance is claiming, so each job goes to exactly one worker; SQLite has one process and
   * its transactions are serialised.
   */
  async claim(
    workerId: string,
    limit: number,
    now: Date,
    leaseMs: number,
    exclude: string[],
  ): Promise<Job[]> {
    return this.tx.run(async () => {
      const manager = this.tx.manager;
      const due = manager
        .getRepository(Job)
        .createQueryBuilder('job')
        .select('job.id', 'id')
        .where(
          "((job.status = 'pending' AND job.runAt <= :now) OR (job.status = 'running' AND job.leaseExpiresAt < :now))",
          { now },
        )
        .orderBy('job.runAt', 'ASC')
        .limit(limit);
      if (exclude.length > 0) due.andWhere('job.id NOT IN (:...exclude)', { exclude });
      if (this.tx.isPostgres) due.setLock('pessimistic_write').setOnLocked('skip_locked');
      const ids = (await due.getRawMany<{ id: string }>()).map((row) => row.id);
      if (ids.length === 0) return [];
      await manager
        .getRepository(Job)
        .createQueryBuilder()
        .update(Job)
        .set({
          status: 'running',
          attempts: () => 'attempts + 1',
          lockedBy: workerId,
          leaseExpiresAt: new Date(now.getTime() + leaseMs),
          updatedAt: now,
        })
        .where({ id: In(ids) })
        .execute();
      return manager.getRepository(Job).findBy({ id: In(ids) });
    });
  }

  /** Extends the lease of a job this worker still holds. False if the job was taken over. */
  async renewLease(id: string, by: ClaimedBy, until: Date): Promise<boolean> {
    const result = await this.repo.update(
      { id, lockedBy: by.workerId, attempts: by.attempt, status: 'running' },
      { leaseExpiresAt: until },
    );
    return (result.affected ?? 0) === 1;
  }

  /** Ends a run this worker still holds. False if its lease was lost to another worker. */
  async finish(
    id: string,
    by: ClaimedBy,
    outcome: {
      status: JobStatus;
      runAt?: Date;
      lastError?: string | null;
      completedAt?: Date | null;
    },
    now: Date,
  ): Promise<boolean> {
    const result = await this.repo.update(
      { id, lockedBy: by.workerId, attempts: by.attempt, status: 'running' },
      { ...outcome, lockedBy: null, leaseExpiresAt: null, updatedAt: now },
    );
    return (result.affected ?? 0) === 1;
  }

  /** Running jobs whose lease ran out on their last allowed attempt. */
  findExpiredLastAttempts(now: Date): Promise<Job[]> {
    return this.repo
      .createQueryBuilder('job')
      .where(
        "job.status = 'running' AND job.leaseExpiresAt < :now AND job.attempts >= job.maxAttempts",
        { now },
      )
      .getMany();
  }

  /** Marks one such job dead, unless it changed since it was read. True if it did. */
  async bury(job: Job, now: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(Job)
      .set({
        status: 'dead',
        lockedBy: null,
        leaseExpiresAt: null,
        lastError: 'The worker stopped before finishing (lease expired)',
        updatedAt: now,
      })
      .where(
        "id = :id AND status = 'running' AND attempts = :attempts AND lease_expires_at < :now",
        { id: job.id, attempts: job.attempts, now },
      )
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /**
   * Deletes succeeded runs of one recurring job type whose period ended before `before`
   * (a run still in its period is kept, so that the period is not planned again).
   */
  async purgeSucceededRecurring(type: string, runAtBefore: Date): Promise<number> {
    const result = await this.repo
      .createQueryBuilder()
      .delete()
      .from(Job)
      .where(
        "type = :type AND status = 'succeeded' AND unique_key IS NOT NULL AND run_at < :before",
        { type, before: runAtBefore },
      )
      .execute();
    return result.affected ?? 0;
  }

  async save(job: Job): Promise<void> {
    await this.repo.save(job);
  }
}
