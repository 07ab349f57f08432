import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ListCursor, ListQuery, Page } from './list-query.js';

/** Applies a parsed, whitelisted list query to a query builder (repositories only). */
export async function findPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery,
  options: {
    /** Sort columns ordered by an SQL expression (e.g. a rank) rather than by their value. */
    sortExpressions?: Record<string, string>;
  } = {},
): Promise<Page<T>> {
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
  const later = `${column} ${cmp} :keysetValue OR (${column} = :keysetValue AND ${id} ${cmp} :keysetId)`;
  qb.andWhere(nullsFirst ? `(${later})` : `(${later} OR ${column} IS NULL)`, params);
}

function likePattern(value: string): string {
  return `%${value.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
