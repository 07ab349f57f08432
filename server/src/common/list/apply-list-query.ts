import type { ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { encodeCursor } from './list-query.js';
import type { ListCursor, ListQuery, Page } from './list-query.js';
import { readEntities } from '../persistence/plain-reads.js';

/** Up to this many matching rows, a list's total is counted exactly on every page. */
export const EXACT_COUNT_LIMIT = 10_000;
/** Above EXACT_COUNT_LIMIT, an exact count is kept this long and reused by later pages. */
export const COUNT_CACHE_MS = 30_000;
const COUNT_CACHE_ENTRIES = 500;

/** Counts above the limit, per data source, by count query and parameters. */
const countCache = new WeakMap<object, Map<string, { total: number; at: number }>>();

/**
 * The total of a list for `Content-Range`. Up to EXACT_COUNT_LIMIT rows it is an exact count
 * that stops at the limit (so a large list never costs a full count on every page); above it,
 * an exact count made at most COUNT_CACHE_MS ago (`asOf` says when), never less than the rows
 * this page shows.
 */
async function totalOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  seen: number,
): Promise<{ total: number; asOf?: Date }> {
  const [inner, params] = qb
    .clone()
    .select('1', 'one')
    .orderBy()
    .skip(undefined)
    .take(undefined)
    .offset(undefined)
    .limit(EXACT_COUNT_LIMIT + 1)
    .getQueryAndParameters();
  const escape = (name: string) => qb.connection.driver.escape(name);
  const runner = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const [capped] = (await qb.connection.query(
    `SELECT COUNT(*) AS ${escape('n')} FROM (${inner}) ${escape('capped')}`,
    params,
    runner,
  )) as { n: number | string }[];
  const upTo = Number(capped?.n ?? 0);
  if (upTo <= EXACT_COUNT_LIMIT) return { total: Math.max(upTo, seen) };
  // The capped statement names the list exactly (its filters and their values).
  const key = `${inner}\u0000${JSON.stringify(params)}`;
  let cache = countCache.get(qb.connection);
  if (!cache) countCache.set(qb.connection, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < COUNT_CACHE_MS) {
    return { total: Math.max(hit.total, seen), asOf: new Date(hit.at) };
  }
  const total = await qb.clone().orderBy().skip(undefined).take(undefined).getCount();
  cache.delete(key);
  cache.set(key, { total, at: now });
  if (cache.size > COUNT_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return { total: Math.max(total, seen), asOf: new Date(now) };
}

/** Sort columns ordered by an SQL expression (e.g. a rank) rather than by their value. */
export interface ListQueryOptions {
  sortExpressions?: Record<string, string>;
}

/** Applies a parsed, whitelisted list query to a query builder (repositories only). */
export async function findPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery,
  options: ListQueryOptions = {},
): Promise<Page<T>> {
  const expression = applyListQuery(qb, query, options);
  const keyset = !!query.after && !expression;
  // The total counts the whole list, not the rows after the cursor.
  const whole = qb.clone();
  if (keyset) applyKeyset(qb, query, query.after!);
  // After a cursor the page starts right after it; the offset only names where it is.
  qb.skip(keyset ? 0 : query.offset).take(query.limit);
  if (query.skipCount) {
    const rows = await readEntities(qb);
    const last = rows.at(-1) as Record<string, unknown> | undefined;
    return {
      rows,
      total: -1,
      offset: query.offset,
      ...(last && !expression
        ? { next: { value: last[query.sort.column], id: last[query.tieBreaker] } }
        : {}),
    };
  }
  const rows = await readEntities(qb);
  const last = rows.at(-1) as Record<string, unknown> | undefined;
  const counted =
    query.offset === 0 && !keyset && rows.length < query.limit
      ? { total: rows.length }
      : await totalOf(whole, query.offset + rows.length);
  return {
    rows,
    total: counted.total,
    offset: query.offset,
    ...(counted.asOf ? { totalAsOf: counted.asOf } : {}),
    ...(last && !expression && rows.length === query.limit
      ? {
          nextCursor: encodeCursor(query, {
            value: last[query.sort.column],
            id: last[query.tieBreaker],
          }),
        }
      : {}),
  };
}

/**
 * The same filters, order, keyset and range as `findPage`, read as raw rows (never counted):
 * for a CSV export that selects its own columns and joins instead of whole entities. The raw
 * rows must carry the sort column and the tie-breaker under `sortKey` and `idKey`.
 */
export async function findRawPage<R extends Record<string, unknown>>(
  qb: SelectQueryBuilder<ObjectLiteral>,
  query: ListQuery,
  keys: { sortKey: string; idKey: string; options?: ListQueryOptions },
): Promise<Page<R>> {
  const expression = applyListQuery(qb, query, keys.options ?? {});
  const keyset = !!query.after && !expression;
  if (keyset) applyKeyset(qb, query, query.after!);
  // Raw rows: LIMIT and OFFSET themselves (skip/take would add a DISTINCT subquery on joins).
  qb.offset(keyset ? 0 : query.offset).limit(query.limit);
  const rows = (await qb.getRawMany()) as R[];
  const last = rows.at(-1);
  return {
    rows,
    total: -1,
    offset: query.offset,
    ...(last && !expression ? { next: { value: last[keys.sortKey], id: last[keys.idKey] } } : {}),
  };
}

/** Applies filters and order; returns the sort expression when the order uses one. */
function applyListQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery,
  options: ListQueryOptions,
): string | undefined {
  const alias = qb.alias;
  query.filters.forEach((filter, index) => {
    const param = `f${index}`;
    const column = `${alias}.${filter.spec.column}`;
    switch (filter.spec.kind) {
      case 'exact':
        qb.andWhere(`${column} IN (:...${param})`, { [param]: filter.value });
        break;
      case 'boolean':
        qb.andWhere(`${column} = :${param}`, { [param]: filter.value });
        break;
      case 'gte':
        qb.andWhere(`${column} >= :${param}`, { [param]: filter.value });
        break;
      case 'lte':
        qb.andWhere(`${column} <= :${param}`, { [param]: filter.value });
        break;
      case 'text':
        qb.andWhere(`LOWER(${column}) LIKE :${param} ESCAPE '\\'`, {
          [param]: likePattern(String(filter.value)),
        });
        break;
      case 'search': {
        const columns = filter.spec.columns ?? [filter.spec.column];
        qb.andWhere(
          `(${columns.map((c) => `LOWER(${alias}.${c}) LIKE :${param} ESCAPE '\\'`).join(' OR ')})`,
          { [param]: likePattern(String(filter.value)) },
        );
        break;
      }
    }
  });
  const expression = options.sortExpressions
    ? Object.hasOwn(options.sortExpressions, query.sort.column)
      ? options.sortExpressions[query.sort.column]
      : undefined
    : undefined;
  qb.orderBy(expression ?? `${alias}.${query.sort.column}`, query.sort.order);
  if (query.sort.column !== query.tieBreaker) {
    qb.addOrderBy(`${alias}.${query.tieBreaker}`, query.sort.order);
  }
  return expression;
}

/**
 * Continues a list after a row (keyset pagination): the rows that come after (value, id) in the
 * list's own order, NULLs placed where each database sorts them (SQLite: first when ascending;
 * PostgreSQL: last when ascending).
 */
function applyKeyset<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery,
  after: ListCursor,
): void {
  const column = `${qb.alias}.${query.sort.column}`;
  const id = `${qb.alias}.${query.tieBreaker}`;
  const cmp = query.sort.order === 'ASC' ? '>' : '<';
  if (query.sort.column === query.tieBreaker) {
    qb.andWhere(`${id} ${cmp} :keysetId`, { keysetId: after.id });
    return;
  }
  const sqlite = qb.connection.driver.options.type !== 'postgres';
  const nullsFirst = sqlite ? query.sort.order === 'ASC' : query.sort.order === 'DESC';
  const params = { keysetValue: after.value, keysetId: after.id };
  if (after.value === null || after.value === undefined) {
    qb.andWhere(
      nullsFirst
        ? `((${column} IS NULL AND ${id} ${cmp} :keysetId) OR ${column} IS NOT NULL)`
        : `(${column} IS NULL AND ${id} ${cmp} :keysetId)`,
      params,
    );
    return;
  }
  const nullable =
    qb.expressionMap.mainAlias?.metadata.findColumnWithPropertyName(query.sort.column)
      ?.isNullable ?? true;
  if (nullsFirst || !nullable) {
    // No NULL can follow: bound the sort column itself, so the index is read from the cursor on
    // (an OR alone makes both databases walk the index from the start of the list).
    qb.andWhere(
      `(${column} ${cmp}= :keysetValue AND (${column} ${cmp} :keysetValue OR ${id} ${cmp} :keysetId))`,
      params,
    );
    return;
  }
  const later = `${column} ${cmp} :keysetValue OR (${column} = :keysetValue AND ${id} ${cmp} :keysetId)`;
  qb.andWhere(`(${later} OR ${column} IS NULL)`, params);
}

function likePattern(value: string): string {
  return `%${value.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
