import { getMetadataArgsStorage } from 'typeorm';

/**
 * A UTC instant: `timestamptz` on PostgreSQL, `datetime` (ISO text) on SQLite. Entities are
 * declared once with this type; `useTimestampTypeOf` sets the real type for the database a
 * DataSource is about to be built for, so one set of entities serves both.
 */
export const TIMESTAMP = 'datetime';

/** Raw bytes: `bytea` on PostgreSQL, `blob` on SQLite (set the same way as TIMESTAMP). */
export const BYTES = 'blob';

const TIMESTAMP_TYPES = new Set(['datetime', 'timestamptz']);
const BYTES_TYPES = new Set(['blob', 'bytea']);

export function useTimestampTypeOf(databaseType: 'sqlite' | 'postgres'): void {
  const type = databaseType === 'postgres' ? 'timestamptz' : 'datetime';
  const bytes = databaseType === 'postgres' ? 'bytea' : 'blob';
  for (const column of getMetadataArgsStorage().columns) {
    if (typeof column.options.type !== 'string') continue;
    if (TIMESTAMP_TYPES.has(column.options.type)) column.options.type = type;
    else if (BYTES_TYPES.has(column.options.type)) column.options.type = bytes;
  }
}
