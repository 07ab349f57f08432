import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { loadedRows, placeholders, plainColumns, quote, tableOf } from './plain-statements.js';

/** Runs a write and returns how many rows it changed. */
async function affectedRows(
  manager: EntityManager,
  sql: string,
  values: unknown[],
): Promise<number> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, values, true);
    return result.affected ?? 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** Whether a value to store is the one the row held when read (unsure counts as changed). */
function sameAsStored(value: unknown, stored: unknown): boolean {
  if (value === stored) return true;
  return value instanceof Date && stored instanceof Date && value.getTime() === stored.getTime();
}

const insertStatements = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * Inserts an entity as one row, every defined property in its column (`insert()` without
 * reading anything back). An entity these statements cannot carry goes to TypeORM.
 */
export async function insertRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: new () => T,
  entity: T,
): Promise<void> {
  const metadata = manager.connection.getMetadata(target);
  const all = plainColumns(metadata);
  if (!all) {
    await manager.getRepository(target).insert(entity as never);
    return;
  }
  const driver = manager.connection.driver;
  const columns = all.filter(
    (c) => !c.isGenerated && (entity as Record<string, unknown>)[c.propertyName] !== undefined,
  );
  let statements = insertStatements.get(metadata);
  if (!statements) insertStatements.set(metadata, (statements = new Map()));
  const shape = columns.map((c) => c.databaseName).join(',');
  let sql = statements.get(shape);
  if (!sql) {
    sql =
      `INSERT INTO ${tableOf(manager, metadata)} ` +
      `(${columns.map((c) => quote(manager, c.databaseName)).join(', ')}) ` +
      `VALUES (${placeholders(manager, columns.length).join(', ')})`;
    statements.set(shape, sql);
  }
  await manager.query(
    sql,
    columns.map((c) =>
      driver.preparePersistentValue((entity as Record<string, unknown>)[c.propertyName], c),
    ),
  );
}

const updateStatements = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * Optimistic locking: writes every defined column of the entity, and the next version, only if
 * its row still has the version that was read. True when the row was written.
 */
export async function updateRowVersioned<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  target: new () => T,
  entity: T,
): Promise<boolean | undefined> {
  const metadata = manager.connection.getMetadata(target);
  const all = plainColumns(metadata);
  const idColumn = metadata.findColumnWithPropertyName('id');
  const versionColumn = metadata.findColumnWithPropertyName('version');
  if (!all || !idColumn || !versionColumn) return undefined;
  const driver = manager.connection.driver;
  const loaded = loadedRows.get(entity);
  const changes: { column: ColumnMetadata; value: unknown }[] = [];
  for (const column of all) {
    if (column === idColumn || column === versionColumn || column.isGenerated) continue;
    const property = (entity as Record<string, unknown>)[column.propertyName];
    if (property === undefined) continue;
    const value: unknown = driver.preparePersistentValue(property, column);
    const key = loaded?.keys.get(column);
    if (loaded && key !== undefined && key in loaded.raw && sameAsStored(value, loaded.raw[key])) {
      continue;
    }
    changes.push({ column, value });
  }
  const columns = changes.map((change) => change.column);
  let statements = updateStatements.get(metadata);
  if (!statements) updateStatements.set(metadata, (statements = new Map()));
  const shape = columns.map((c) => c.databaseName).join(',');
  let sql = statements.get(shape);
  if (!sql) {
    const marks = placeholders(manager, columns.length + 3);
    const sets = [...columns, versionColumn].map(
      (c, i) => `${quote(manager, c.databaseName)} = ${marks[i]}`,
    );
    const n = columns.length;
    sql =
      `UPDATE ${tableOf(manager, metadata)} SET ${sets.join(', ')} ` +
      `WHERE ${quote(manager, idColumn.databaseName)} = ${marks[n + 1]} ` +
      `AND ${quote(manager, versionColumn.databaseName)} = ${marks[n + 2]}`;
    statements.set(shape, sql);
  }
  const affected = await affectedRows(manager, sql, [
    ...changes.map((change) => change.value),
    entity.version + 1,
    entity.id,
    entity.version,
  ]);
  if (affected !== 1) return false;
  entity.version = entity.version + 1;
  // What was read is no longer what is stored: a later update writes every column.
  loadedRows.delete(entity);
  return true;
}
