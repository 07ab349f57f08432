import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ListQuery, Page } from './list-query.js';

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
  qb.skip(query.offset).take(query.limit);
  if (query.skipCount) return { rows: await qb.getMany(), total: -1, offset: query.offset };
  const [rows, total] = await qb.getManyAndCount();
  return { rows, total, offset: query.offset };
}

function likePattern(value: string): string {
  return `%${value.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
