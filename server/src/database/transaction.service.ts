import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction and makes its EntityManager the one every
 * repository uses while it runs (AsyncLocalStorage), so that a change and its audit entry
 * commit or roll back together without passing managers around.
 *
 * SQLite (better-sqlite3) has one connection per process, so transactions are serialised
 * here; PostgreSQL uses a pooled connection per transaction.
 */
@Injectable()
export class TransactionService {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  private readonly sqliteWriteLock = new Mutex();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /** The manager of the running transaction, or the plain one outside a transaction. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    const execute = () => this.dataSource.transaction((manager) => this.storage.run(manager, work));
    return this.isPostgres ? execute() : this.sqliteWriteLock.runExclusive(execute);
  }
}
