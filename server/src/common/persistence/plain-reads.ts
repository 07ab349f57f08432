import { In } from 'typeorm';
import type { EntityManager, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import {
  columnNamed,
  placeholders,
  plainColumns,
  quote,
  rowReader,
  tableOf,
  withPlaceholders,
} from './plain-statements.js';

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
  /** A column, by property name, as the statement writes it (`"alias"."column"`). */
  column: (property: string) => string;
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
    const columnOf = (property: string) => columnNamed(metadata, property);
    made = {
      table: tableOf(manager, metadata),
      select: columns
        .map(
          (c) =>
            `${quote(manager, alias)}.${quote(manager, c.databaseName)} AS ${quote(manager, keyOf(c))}`,
        )
        .join(', '),
      keyOf: (property) => keyOf(columnOf(property)),
      column: (property) =>
        `${quote(manager, alias)}.${quote(manager, columnOf(property).databaseName)}`,
      read: rowReader<T>(manager, metadata, columns, keyOf),
    };
  }
  byAlias.set(alias, made as AliasedColumns<unknown> | null);
  return made;
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
    const conditions = keys.map(
      (key, i) => `${quote(manager, columnNamed(metadata, key).databaseName)} = ${marks[i]}`,
    );
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

/** The shape of a `findFirstRow` statement, in the table's own column names. */
export interface FirstRowShape {
  /** The condition, `?` for each value. */
  where: string;
  orderBy: string;
  /** Written after `LIMIT 1`, e.g. a row lock. */
  suffix?: string;
}

interface FirstRowStatement<T> {
  sql: string;
  /** Null for an entity these statements cannot carry: the statement selects its id alone. */
  read: ((raw: Record<string, unknown>) => T) | null;
}

const firstRowStatements = new WeakMap<EntityMetadata, Map<string, FirstRowStatement<unknown>>>();

/**
 * The first of the entity's rows that `where` matches in `orderBy`'s order, null when none does;
 * the statement is made once per entity and shape. For an entity these statements cannot carry,
 * the statement picks the row's id and TypeORM reads the row.
 */
export async function findFirstRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: new () => T,
  shape: FirstRowShape,
  values: unknown[],
): Promise<T | null> {
  const metadata = manager.connection.getMetadata(target);
  let statements = firstRowStatements.get(metadata);
  if (!statements) firstRowStatements.set(metadata, (statements = new Map()));
  const key = `${shape.where}\n${shape.orderBy}\n${shape.suffix ?? ''}`;
  let statement = statements.get(key) as FirstRowStatement<T> | undefined;
  if (!statement) {
    const columns = plainColumns(metadata);
    const selected = columns ?? [columnNamed(metadata, 'id')];
    const where = withPlaceholders(manager, shape.where);
    statement = {
      sql:
        `SELECT ${selected.map((c) => quote(manager, c.databaseName)).join(', ')} ` +
        `FROM ${tableOf(manager, metadata)} WHERE ${where} ORDER BY ${shape.orderBy} LIMIT 1` +
        (shape.suffix ? ` ${shape.suffix}` : ''),
      read: columns ? rowReader<T>(manager, metadata, columns, (c) => c.databaseName) : null,
    };
    statements.set(key, statement as FirstRowStatement<unknown>);
  }
  const [row] = await manager.query<Record<string, unknown>[]>(statement.sql, values);
  if (!row) return null;
  if (statement.read) return statement.read(row);
  const id = row[columnNamed(metadata, 'id').databaseName];
  return manager.getRepository(target).findOneBy({ id } as never);
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
  const columns = properties.map((property) => columnNamed(metadata, property));
  const rows = await selectWhereIn(manager, metadata, columns, columnNamed(metadata, 'id'), unique);
  const driver = manager.connection.driver;
  return rows.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const column of columns) {
      row[column.propertyName] = driver.prepareHydratedValue(raw[column.databaseName], column);
    }
    return row as Pick<T, K>;
  });
}

const whereInReaders = new WeakMap<EntityMetadata, (raw: Record<string, unknown>) => unknown>();

/**
 * The whole rows whose `property` is one of `values` (`findBy({ [property]: In(values) })`), in
 * no particular order. For an entity these statements cannot carry it is that `findBy`.
 */
export async function findRowsWhereIn<T extends ObjectLiteral>(
  manager: EntityManager,
  target: new () => T,
  property: keyof T & string,
  values: string[],
): Promise<T[]> {
  const unique = [...new Set(values)];
  if (unique.length === 0) return [];
  const metadata = manager.connection.getMetadata(target);
  const columns = plainColumns(metadata);
  if (!columns) return manager.getRepository(target).findBy({ [property]: In(unique) } as never);
  let read = whereInReaders.get(metadata) as ((raw: Record<string, unknown>) => T) | undefined;
  if (!read) {
    read = rowReader<T>(manager, metadata, columns, (c) => c.databaseName);
    whereInReaders.set(metadata, read);
  }
  const match = columnNamed(metadata, property);
  const rows = await selectWhereIn(manager, metadata, columns, match, unique);
  return rows.map(read);
}

/** `SELECT columns FROM table WHERE match IN (values)`, its raw rows keyed by column name. */
function selectWhereIn(
  manager: EntityManager,
  metadata: EntityMetadata,
  columns: ColumnMetadata[],
  match: ColumnMetadata,
  values: string[],
): Promise<Record<string, unknown>[]> {
  return manager.query(
    `SELECT ${columns.map((c) => quote(manager, c.databaseName)).join(', ')} ` +
      `FROM ${tableOf(manager, metadata)} ` +
      `WHERE ${quote(manager, match.databaseName)} IN (${placeholders(manager, values.length).join(', ')})`,
    values,
  );
}
