import type { EntityManager, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/**
 * Statements for the busiest paths (lists, intake, claims, the session check), made from an
 * entity's own metadata once and reused. TypeORM's query builder rebuilds and re-escapes the
 * statement and walks its entity transformer on every call, which costs more CPU than SQLite's
 * own work on these statements. Values still go through the driver's own conversions
 * (`preparePersistentValue`, `prepareHydratedValue`: dates, booleans, JSON, transformers), so a
 * row reads and writes exactly as through TypeORM (`plain-statements.e2e-spec.ts` compares them).
 *
 * Entities with embedded columns, listeners or subscribers, or a relation without its own id
 * column fall back to TypeORM.
 *
 * This file holds what reads (`plain-reads.ts`) and writes (`plain-writes.ts`) share.
 */

/** The columns of an entity whose values these statements can carry; null when it has others. */
const plainColumnsCache = new WeakMap<EntityMetadata, ColumnMetadata[] | null>();

export function plainColumns(metadata: EntityMetadata): ColumnMetadata[] | null {
  let columns = plainColumnsCache.get(metadata);
  if (columns === undefined) {
    // TypeORM's insert and update builders call entity listeners and subscribers; these
    // statements do not, so an entity that has any goes to TypeORM.
    const plain =
      metadata.embeddeds.length === 0 &&
      metadata.ownListeners.length === 0 &&
      metadata.afterLoadListeners.length === 0 &&
      metadata.beforeInsertListeners.length === 0 &&
      metadata.afterInsertListeners.length === 0 &&
      metadata.beforeUpdateListeners.length === 0 &&
      metadata.afterUpdateListeners.length === 0 &&
      metadata.connection.subscribers.length === 0 &&
      metadata.inheritancePattern === undefined &&
      metadata.columns.every(
        (c) =>
          !c.embeddedMetadata &&
          !c.isVirtual &&
          (!c.relationMetadata || c.propertyName !== c.relationMetadata.propertyName),
      );
    columns = plain ? metadata.columns : null;
    plainColumnsCache.set(metadata, columns);
  }
  return columns;
}

export function quote(manager: EntityManager, name: string): string {
  return manager.connection.driver.escape(name);
}

/** `count` bound parameters as the driver writes them (`?`, or `$1`, `$2`… on PostgreSQL). */
export function placeholders(manager: EntityManager, count: number, from = 1): string[] {
  const postgres = manager.connection.driver.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (postgres ? `$${from + i}` : '?'));
}

/** A statement written with `?` for each value, as the driver wants it (`$1`, `$2`… on PostgreSQL). */
export function withPlaceholders(manager: EntityManager, sql: string): string {
  if (manager.connection.driver.options.type !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** An entity's column by property name; a name it does not have is a programming error. */
export function columnNamed(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${metadata.name} has no column ${property}`);
  return column;
}

export function tableOf(manager: EntityManager, metadata: EntityMetadata): string {
  return metadata.tablePath
    .split('.')
    .map((part) => quote(manager, part))
    .join('.');
}

/**
 * The raw row each entity read here came from, and that row's key of each column: an update
 * then writes only the columns whose value differs from what was read (an unchanged indexed
 * column costs its indexes nothing).
 */
export const loadedRows = new WeakMap<
  object,
  { raw: Record<string, unknown>; keys: Map<ColumnMetadata, string> }
>();

/** Reads raw rows into entities; `keyOf` names each column's key in the raw row. */
export function rowReader<T>(
  manager: EntityManager,
  metadata: EntityMetadata,
  columns: ColumnMetadata[],
  keyOf: (column: ColumnMetadata) => string,
): (raw: Record<string, unknown>) => T {
  const driver = manager.connection.driver;
  const fields = columns.map((column) => ({ column, key: keyOf(column) }));
  const keys = new Map(fields.map(({ column, key }) => [column, key]));
  return (raw) => {
    const entity = metadata.create() as Record<string, unknown>;
    for (const { column, key } of fields) {
      if (!(key in raw)) continue;
      entity[column.propertyName] = driver.prepareHydratedValue(raw[key], column);
    }
    loadedRows.set(entity, { raw, keys });
    return entity as T;
  };
}
