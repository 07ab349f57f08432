import Database from 'better-sqlite3';
import pg from 'pg';

/** A value of a generated row, before the driver's conversion. */
export type Value = string | number | boolean | Date | null;

/** How PostgreSQL reads a column from the unnest arrays (SQLite needs no type). */
export type PgType = 'text' | 'integer' | 'boolean' | 'timestamptz';

export interface TableSpec {
  name: string;
  columns: readonly (readonly [name: string, type: PgType])[];
}

/** Writes batches of rows straight through the driver, inside one long transaction per table. */
export interface BulkWriter {
  insert(table: TableSpec, rows: Value[][]): Promise<void>;
  /** Ends the current transaction and starts a new one (so a huge table commits in parts). */
  commit(): Promise<void>;
  close(): Promise<void>;
}

/** `YYYY-MM-DD HH:MM:SS.SSS`, the way TypeORM stores a datetime in SQLite. */
export function sqliteTimestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export class SqliteWriter implements BulkWriter {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -262144'); // 256 MB of page cache for the index builds
    this.db.pragma('foreign_keys = ON');
    this.db.exec('BEGIN');
  }

  insert(table: TableSpec, rows: Value[][]): Promise<void> {
    let statement = this.statements.get(table.name);
    if (!statement) {
      const names = table.columns.map(([n]) => `"${n}"`).join(', ');
      const marks = table.columns.map(() => '?').join(', ');
      statement = this.db.prepare(`INSERT INTO "${table.name}" (${names}) VALUES (${marks})`);
      this.statements.set(table.name, statement);
    }
    const values: (string | number | null)[] = new Array<string | number | null>(
      table.columns.length,
    );
    for (const row of rows) {
      for (let i = 0; i < row.length; i++) {
        const v = row[i]!;
        values[i] =
          v instanceof Date ? sqliteTimestamp(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
      }
      statement.run(values);
    }
    return Promise.resolve();
  }

  commit(): Promise<void> {
    this.db.exec('COMMIT');
    this.db.exec('BEGIN');
    return Promise.resolve();
  }

  /** Commits, runs ANALYZE, checkpoints the WAL into the file and leaves no WAL behind. */
  close(): Promise<void> {
    this.db.exec('COMMIT');
    this.db.exec('ANALYZE');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.pragma('journal_mode = DELETE');
    this.db.close();
    return Promise.resolve();
  }

  /** A read on the open database (used for the counts). */
  count(table: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
}

/**
 * PostgreSQL: one `INSERT … SELECT * FROM unnest($1::type[], …)` per batch, one array
 * parameter per column, so a batch of 5,000 rows is one round trip with a fixed statement.
 */
export class PgWriter implements BulkWriter {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PgWriter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('SET synchronous_commit = off');
    await client.query('BEGIN');
    return new PgWriter(client);
  }

  async insert(table: TableSpec, rows: Value[][]): Promise<void> {
    if (rows.length === 0) return;
    const columns = table.columns.map((_, i) =>
      rows.map((row) => {
        const v = row[i]!;
        return v instanceof Date ? v.toISOString() : v;
      }),
    );
    const names = table.columns.map(([n]) => `"${n}"`).join(', ');
    const arrays = table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    await this.client.query({
      name: `bulk_${table.name}`,
      text: `INSERT INTO "${table.name}" (${names}) SELECT * FROM unnest(${arrays})`,
      values: columns,
    });
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
    await this.client.query('BEGIN');
  }

  async close(): Promise<void> {
    await this.client.query('COMMIT');
    await this.client.query('ANALYZE');
    await this.client.end();
  }

  async query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(text, values)).rows;
  }
}
