import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ScrubKey, SuppressionScope } from '@privacy-desk/shared';
import { DataSource } from 'typeorm';
import type { QueryRunner } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';

export interface ScrubRow {
  /** 1, 2, 3 … in upload order: the key the result is paged by. */
  n: number;
  /** The row's value as sent (echoed back). */
  original: string;
  /** What is matched: the normalised email, or the lower-case hash. */
  key: string;
}

/**
 * A scrub's upload, held on disk in a temporary table. SQLite: a TEMP table on the one
 * connection that keeps only the suppressed rows: each batch is matched as it is written, by one
 * statement (the batch as one JSON parameter, each row probed in the suppressions index on
 * (channel, value) or (channel, value_hash)), under the transaction lock so that it never lands
 * inside someone else's transaction; the result is read back page by page in upload order.
 * PostgreSQL: a TEMP table of every row on a connection held for the scrub, and the result one
 * indexed join (the temp table's primary key range against the same index), page by page.
 */
export interface ScrubTable {
  insert(rows: ScrubRow[]): Promise<void>;
  /** The next page of uploaded rows that an active entry (of the scope) suppresses, after `afterN`. */
  suppressedAfter(afterN: number, limit: number): Promise<{ n: number; original: string }[]>;
  close(): Promise<void>;
}

@Injectable()
export class ScrubTables {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
  ) {}

  async open(key: ScrubKey, scope: SuppressionScope | null): Promise<ScrubTable> {
    const name = `scrub_${randomBytes(8).toString('hex')}`;
    const column = key === 'sha256' ? 'value_hash' : 'value';
    if (this.tx.isPostgres) {
      const create = `CREATE TEMP TABLE ${name} (n integer PRIMARY KEY, original varchar(500) NOT NULL, match_key varchar(500) NOT NULL)`;
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query(create);
      } catch (error) {
        await runner.release();
        throw error;
      }
      return new PostgresScrubTable(runner, name, column, scope);
    }
    const create = `CREATE TEMP TABLE ${name} (n integer PRIMARY KEY, original varchar(500) NOT NULL)`;
    await this.tx.run(() => this.tx.manager.query(create));
    return new SqliteScrubTable(this.dataSource, this.tx, name, column, scope);
  }
}

const joinSql = (name: string, column: string, param: (i: number) => string, scoped: boolean) =>
  `SELECT t.n AS n, t.original AS original FROM ${name} t
   WHERE t.n > ${param(1)} AND EXISTS (
     SELECT 1 FROM suppressions s
     WHERE s.channel = 'email' AND s.${column} = t.match_key AND s.revoked_at IS NULL
     ${scoped ? `AND s.scope = ${param(2)}` : ''})
   ORDER BY t.n LIMIT ${scoped ? param(3) : param(2)}`;

function insertSql(name: string, count: number, param: (i: number) => string): string {
  const tuples: string[] = [];
  for (let i = 0; i < count; i++)
    tuples.push(`(${param(i * 3 + 1)}, ${param(i * 3 + 2)}, ${param(i * 3 + 3)})`);
  return `INSERT INTO ${name} (n, original, match_key) VALUES ${tuples.join(', ')}`;
}

const flat = (rows: ScrubRow[]) => rows.flatMap((r) => [r.n, r.original, r.key]);
const pageParams = (afterN: number, limit: number, scope: SuppressionScope | null) =>
  scope ? [afterN, scope, limit] : [afterN, limit];

class SqliteScrubTable implements ScrubTable {
  private readonly insertMatched: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly name: string,
    column: string,
    private readonly scope: SuppressionScope | null,
  ) {
    // One short statement a batch, whatever its size (a VALUES list of 1,500 parameters was
    // prepared for every batch), and only the suppressed rows are written (a tenth, typically).
    this.insertMatched = `INSERT INTO temp.${name} (n, original)
      SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) j
      WHERE EXISTS (SELECT 1 FROM suppressions s WHERE s.channel = 'email'
        AND s.${column} = json_extract(j.value, '$[2]') AND s.revoked_at IS NULL
        ${scope ? 'AND s.scope = ?' : ''})`;
  }

  async insert(rows: ScrubRow[]): Promise<void> {
    if (rows.length === 0) return;
    const batch = JSON.stringify(rows.map((r) => [r.n, r.original, r.key]));
    await this.tx.run(() =>
      this.tx.manager.query(this.insertMatched, this.scope ? [batch, this.scope] : [batch]),
    );
  }

  suppressedAfter(afterN: number, limit: number) {
    return this.dataSource.query<{ n: number; original: string }[]>(
      `SELECT n, original FROM temp.${this.name} WHERE n > ? ORDER BY n LIMIT ?`,
      [afterN, limit],
    );
  }

  async close(): Promise<void> {
    await this.tx.run(() => this.tx.manager.query(`DROP TABLE IF EXISTS temp.${this.name}`));
  }
}

class PostgresScrubTable implements ScrubTable {
  private readonly param = (i: number) => `$${i}`;

  constructor(
    private readonly runner: QueryRunner,
    private readonly name: string,
    private readonly column: string,
    private readonly scope: SuppressionScope | null,
  ) {}

  async insert(rows: ScrubRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.runner.query(insertSql(this.name, rows.length, this.param), flat(rows));
  }

  async suppressedAfter(afterN: number, limit: number) {
    const rows = (await this.runner.query(
      joinSql(this.name, this.column, this.param, this.scope !== null),
      pageParams(afterN, limit, this.scope),
    )) as { n: number | string; original: string }[];
    return rows.map((r) => ({ n: Number(r.n), original: r.original }));
  }

  async close(): Promise<void> {
    try {
      await this.runner.query(`DROP TABLE IF EXISTS ${this.name}`);
    } finally {
      await this.runner.release();
    }
  }
}
