/**
 * Column types that differ between the two supported databases. The database type is read
 * from DATABASE_URL when entity classes load, so that one set of entities serves SQLite and
 * PostgreSQL alike (and migrations for both are generated from it).
 */
const isPostgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');

/** A UTC instant: `timestamptz` on PostgreSQL, ISO text via `datetime` on SQLite. */
export const TIMESTAMP = isPostgres ? 'timestamptz' : 'datetime';
