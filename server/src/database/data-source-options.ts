import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { useTimestampTypeOf } from './column-types.js';
import { ENTITIES } from './entities.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres/index.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.js';

export interface DatabaseSettings {
  url: string;
  schema?: string;
}

export function sqlitePathOf(url: string): string {
  return resolve(url.slice('sqlite:'.length));
}

export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    logging: false,
  } as const;
  // The DataSource reads column types when it is initialised, right after this.
  useTimestampTypeOf(settings.url.startsWith('sqlite:') ? 'sqlite' : 'postgres');
  if (settings.url.startsWith('sqlite:')) {
    const database = sqlitePathOf(settings.url);
    mkdirSync(dirname(database), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database,
      migrations: SQLITE_MIGRATIONS,
      enableWAL: true,
      timeout: 5000,
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    migrations: POSTGRES_MIGRATIONS,
    extra: { max: 10, options: settings.schema ? `-c search_path=${settings.schema}` : undefined },
  };
}
