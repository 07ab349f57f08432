import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The driver Privacy Desk itself uses, with nothing between: better-sqlite3 on SQLite, a pg
 * Pool on PostgreSQL. Baselines run the server's SQL through this.
 */
export interface BaselineDb {
  kind: 'sqlite' | 'postgres';
  /** Rows of a query. SQL uses `$1`-style parameters on PostgreSQL and `?` on SQLite. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs work in one transaction (on one connection for PostgreSQL). */
  transaction<T>(work: (db: BaselineDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The underlying handle, for baselines that prepare statements once. */
  sqlite?: Database.Database;
  pool?: pg.Pool;
}

export function openBaselineDb(databaseUrl: string): BaselineDb {
  if (databaseUrl.startsWith('sqlite:')) {
    const sqlite = new Database(databaseUrl.slice('sqlite:'.length));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    const statements = new Map<string, Database.Statement>();
    const prepared = (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    };
    const db: BaselineDb = {
      kind: 'sqlite',
      sqlite,
      query: async <T>(sql: string, params: unknown[] = []) => {
        const statement = prepared(sql);
        if (statement.reader) return statement.all(...params) as T[];
        statement.run(...params);
        return [] as T[];
      },
      transaction: async (work) => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(db);
          sqlite.exec('COMMIT');
          return result;
        } catch (error) {
          sqlite.exec('ROLLBACK');
          throw error;
        }
      },
      close: async () => {
        sqlite.close();
      },
    };
    return db;
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const onClient = (client: pg.PoolClient | pg.Pool): BaselineDb => ({
    kind: 'postgres',
    pool,
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as T[],
    transaction: async (work) => {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await work(onClient(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
    close: async () => pool.end(),
  });
  return onClient(pool);
}
