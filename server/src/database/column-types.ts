import { getMetadataArgsStorage } from 'typeorm';

/**
 * A UTC instant: `timestamptz` on PostgreSQL, `datetime` (ISO text) on SQLite. Entities are
 * declared once with this type; `useTimestampTypeOf` sets the real type for the database a
 * DataSource is about to be built for, so one set of entities serves both.
 */
export const TIMESTAMP = 'datetime';

const TIMESTAMP_TYPES = new Set(['datetime', 'timestamptz']);

export function useTimestampTypeOf(databaseType: 'sqlite' | 'postgres'): void {
  const type = databaseType === 'postgres' ? 'timestamptz' : 'datetime';
  for (const column of getMetadataArgsStorage().columns) {
    if (typeof column.options.type === 'string' && TIMESTAMP_TYPES.has(column.options.type)) {
      column.options.type = type;
    }
  }
}
