import type { EntityManager, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';
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
 */

/** The columns of an entity whose values these statements can carry; null when it has others. */
const plainColumnsCache = new WeakMap<EntityMetadata, ColumnMetadata[] | null>();

function plainColumns(metadata: EntityMetadata): ColumnMetadata[] | null {
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

function quote(manager: EntityManager, name: string): string {
  return manager.connection.driver.escape(name);
}

/** `count` bound parameters as the driver writes them (`?`, or `$1`, `$2`… on PostgreSQL). */
export function placeholders(manager: EntityManager, count: number, from = 1): string[] {
  const postgres = manager.connection.driver.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (postgres ? `$${from + i}` : '?'));
}

function tableOf(manager: EntityManager, metadata: EntityMetadata): string {
  return metadata.tablePath
    .split('.')
    .map((part) => quote(manager, part))
    .join('.');
}

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

/**
 * The raw row each entity read here came from, and that row's key of each column: an update
 * then writes only the columns whose value differs from what was read (an unchanged indexed
 * column costs its indexes nothing).
 */
const loadedRows = new WeakMap<
  object,
  { raw: Record<string, unknown>; keys: Map<ColumnMetadata, string> }
>();

/** Reads raw rows into entities; `keyOf` names each column's key in the raw row. */
function rowReader<T>(
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

/** Whether a value to store is the one the row held when read (unsure counts as changed). */
function sameAsStored(value: unknown, stored: unknown): boolean {
  if (value === stored) return true;
  return value instanceof Date && stored instanceof Date && value.getTime() === stored.getTime();
}

const aliasReaders = new WeakMap<
  EntityMetadata,
  Map<string, (raw: Record<string, unknown>) => unknown>
>();

/**
 * The query builder's entities (`getMany`), read from its raw rows by a reader kept per entity.
 * Only for a builder that selects its own entity and joins nothing; any other goes to TypeORM.
 */
export async function readEntities<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): Promise<T[]> {
  const metadata = qb.expressionMap.mainAlias?.hasMetadata
    ? qb.expressionMap.mainAlias.metadata
    : undefined;
  const columns = metadata ? plainColumns(metadata) : null;
  if (
    !metadata ||
    !columns ||
    qb.expressionMap.joinAttributes.length > 0 ||
    qb.expressionMap.relationIdAttributes.length > 0 ||
    qb.expressionMap.selects.some((s) => s.selection !== qb.alias)
  ) {
    return qb.getMany();
  }
  let readers = aliasReaders.get(metadata);
  if (!readers) aliasReaders.set(metadata, (readers = new Map()));
  let read = readers.get(qb.alias) as ((raw: Record<string, unknown>) => T) | undefined;
  if (!read) {
    const driver = qb.connection.driver;
    const alias = qb.alias;
    read = rowReader<T>(qb.connection.manager, metadata, columns, (column) =>
      DriverUtils.buildAlias(driver, undefined, alias, column.databaseName),
    );
    readers.set(alias, read);
  }
  const raws: Record<string, unknown>[] = await qb.getRawMany();
  return raws.map(read);
}

interface AliasedColumns<T> {
  /** The table's name as the database wants it written. */
  table: string;
  select: string;
  /** The raw row's key of a column, by property name. */
  keyOf: (property: string) => string;
  read: (raw: Record<string, unknown>) => T;
}

const aliasedCache = new WeakMap<EntityMetadata, Map<string, AliasedColumns<unknown> | null>>();

/**
 * An entity's columns selected under `alias` (as `"alias"."column" AS "alias_column"`), and
 * the reader of those raw rows, for a hand-written join; null for an entity these statements
 * cannot carry.
 */
export function aliasedColumns<T>(
  manager: EntityManager,
  target: new () => T,
  alias: string,
): AliasedColumns<T> | null {
  const metadata = manager.connection.getMetadata(target);
  let byAlias = aliasedCache.get(metadata);
  if (!byAlias) aliasedCache.set(metadata, (byAlias = new Map()));
  if (byAlias.has(alias)) return byAlias.get(alias) as AliasedColumns<T> | null;
  const columns = plainColumns(metadata);
  let made: AliasedColumns<T> | null = null;
  if (columns) {
    const driver = manager.connection.driver;
    const keyOf = (column: ColumnMetadata) =>
      DriverUtils.buildAlias(driver, undefined, alias, column.databaseName);
    made = {
      table: tableOf(manager, metadata),
      select: columns
        .map(
          (c) =>
            `${quote(manager, alias)}.${quote(manager, c.databaseName)} AS ${quote(manager, keyOf(c))}`,
        )
        .join(', '),
      keyOf: (property) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) throw new Error(`${metadata.name} has no column ${property}`);
        return keyOf(column);
      },
      read: rowReader<T>(manager, metadata, columns, keyOf),
    };
  }
  byAlias.set(alias, made as AliasedColumns<unknown> | null);
  return made;
}

/** `readEntities` for one row (`getOne`). */
export async function readEntity<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): Promise<T | null> {
  const [first] = await readEntities(qb);
  return first ?? null;
}

interface Statement<T> {
  sql: string;
  read: (raw: Record<string, unknown>) => T;
}

const findStatements = new WeakMap<EntityMetadata, Map<string, Statement<unknown>>>();

/**
 * The first row whose columns equal these values (each a column's property name), as
 * `findOneBy` reads it; null when none does. For an entity these statements cannot carry, or a
 * null value, it is `findOneBy` itself.
 */
export async function findOneRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: new () => T,
  where: Partial<Record<keyof T & string, string | number>>,
): Promise<T | null> {
  const metadata = manager.connection.getMetadata(target);
  const columns = plainColumns(metadata);
  const keys = Object.keys(where) as (keyof T & string)[];
  const values = keys.map((k) => where[k]);
  if (!columns || values.some((v) => v === null || v === undefined)) {
    return manager.getRepository(target).findOneBy(where as never);
  }
  let statements = findStatements.get(metadata);
  if (!statements) findStatements.set(metadata, (statements = new Map()));
  const shape = keys.join(',');
  let statement = statements.get(shape) as Statement<T> | undefined;
  if (!statement) {
    const marks = placeholders(manager, keys.length);
    const conditions = keys.map((key, i) => {
      const column = metadata.findColumnWithPropertyName(key);
      if (!column) throw new Error(`${metadata.name} has no column ${key}`);
      return `${quote(manager, column.databaseName)} = ${marks[i]}`;
    });
    statement = {
      sql:
        `SELECT ${columns.map((c) => quote(manager, c.databaseName)).join(', ')} ` +
        `FROM ${tableOf(manager, metadata)} WHERE ${conditions.join(' AND ')} LIMIT 1`,
      read: rowReader<T>(manager, metadata, columns, (c) => c.databaseName),
    };
    statements.set(shape, statement as Statement<unknown>);
  }
  const rows: Record<string, unknown>[] = await manager.query(statement.sql, values);
  return rows.length > 0 ? statement.read(rows[0]!) : null;
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

/**
 * Some columns of the rows with these ids (`find({ select, where: { id: In(ids) } })`), for the
 * names and references shown beside a list's rows.
 */
export async function findColumnsByIds<T extends ObjectLiteral, K extends keyof T & string>(
  manager: EntityManager,
  target: new () => T,
  ids: string[],
  properties: K[],
): Promise<Pick<T, K>[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const metadata = manager.connection.getMetadata(target);
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column;
  });
  const idColumn = metadata.findColumnWithPropertyName('id');
  if (!idColumn) throw new Error(`${metadata.name} has no id column`);
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT ${columns.map((c) => quote(manager, c.databaseName)).join(', ')} ` +
      `FROM ${tableOf(manager, metadata)} ` +
      `WHERE ${quote(manager, idColumn.databaseName)} IN (${placeholders(manager, unique.length).join(', ')})`,
    unique,
  );
  const driver = manager.connection.driver;
  return rows.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const column of columns) {
      row[column.propertyName] = driver.prepareHydratedValue(raw[column.databaseName], column);
    }
    return row as Pick<T, K>;
  });
}
