import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ListCursor, ListQuery, Page } from './list-query.js';

/** Applies a parsed, whitelisted list query to a query builder (repositories only). */
export interface ListQueryOptions {
  /** Sort columns ordered by an SQL expression (e.g. a rank) rather than by their value. */
  sortExpressions?: Record<string, string>;
}

export async function findPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery,
  options: ListQueryOptions = {},
): Promise<Page<T>> {
  const expression = applyListQuery(qb, query, options);
  if (query.skipCount) {
    const rows = await qb.getMany();
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
  const [rows, total] = await qb.getManyAndCount();
  return { rows, total, offset: query.offset };
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
  // Raw rows: LIMIT and OFFSET themselves (skip/take would add a DISTINCT subquery on joins).
  qb.skip(undefined).take(undefined).offset(query.offset).limit(query.limit);
  const rows = (await qb.getRawMany()) as R[];
  const last = rows.at(-1);
  return {
    rows,
    total: -1,
    offset: query.offset,
    ...(last && !expression ? { next: { value: last[keys.sortKey], id: last[keys.idKey] } } : {}),
  };
}

/** Applies filters, order and keyset; returns the sort expression when the order uses one. */
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
  if (query.after && !expression) applyKeyset(qb, query, query.after);
  qb.skip(query.offset).take(query.limit);
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
    qb.expressionMap.mainAlias?.metadata.findColumnWithPropertyPath(query.sort.column)
      ?.isNullable ?? true;
  if (!nullable) {
    // One row-value range that an index on (column, id) serves on both databases. The OR form
    // below made SQLite 3.53 merge two index searches and sort the whole rest of the table for
    // every batch (an export of 200,000 rows took 233 s).
    qb.andWhere(`(${column}, ${id}) ${cmp} (:keysetValue, :keysetId)`, params);
    return;
  }
  const later = `${column} ${cmp} :keysetValue OR (${column} = :keysetValue AND ${id} ${cmp} :keysetId)`;
  qb.andWhere(nullsFirst ? `(${later})` : `(${later} OR ${column} IS NULL)`, params);
}

function likePattern(value: string): string {
  return `%${value.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
