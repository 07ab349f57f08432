import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { Table } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';

/**
 * Both migration sets, generated from the same entities, must give the same schema: the
 * same tables, columns, nullability and indexes. Column types differ on purpose (SQLite
 * `datetime` vs PostgreSQL `timestamptz`, `blob` vs `bytea`) and are compared by family only.
 */
const PG_URL = process.env.SCHEMA_CHECK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function typeFamily(type: string): string {
  if (/int|serial/.test(type)) return 'integer';
  if (/bool/.test(type)) return 'boolean';
  if (/time|date/.test(type)) return 'timestamp';
  if (/char|text|uuid/.test(type)) return 'text';
  if (/blob|bytea/.test(type)) return 'bytes';
  return type;
}

interface TableShape {
  columns: Record<string, { nullable: boolean; type: string; primary: boolean }>;
  indexes: string[];
  foreignKeys: string[];
}

function describeSchema(tables: Table[]): Record<string, TableShape> {
  return Object.fromEntries(
    tables
      .filter((t) => t.name !== 'migrations' && !t.name.endsWith('typeorm_metadata'))
      .map((t) => [
        t.name.replace(/^.*\./, ''),
        {
          columns: Object.fromEntries(
            t.columns.map((c) => [
              c.name,
              { nullable: c.isNullable, type: typeFamily(c.type), primary: c.isPrimary },
            ]),
          ),
          indexes: t.indices
            .map((i) => `${i.name}(${i.columnNames.join(',')})${i.isUnique ? ' unique' : ''}`)
            .sort(),
          foreignKeys: t.foreignKeys
            .map(
              (f) =>
                `${f.columnNames.join(',')}->${f.referencedTableName.replace(/^.*\./, '')}(${f.referencedColumnNames.join(',')}) ${f.onDelete}`,
            )
            .sort(),
        },
      ])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

async function schemaOf(dataSource: DataSource, schema?: string) {
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const runner = dataSource.createQueryRunner();
    try {
      const names: { name: string }[] = schema
        ? await runner.query(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1',
            [schema],
          )
        : await runner.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          );
      const described = describeSchema(
        await runner.getTables(names.map((n) => (schema ? `${schema}.${n.name}` : n.name))),
      );
      if (schema) {
        // TypeORM's PostgreSQL introspection loses the column order of an index; pg_indexes keeps it.
        const defs: { indexname: string; indexdef: string }[] = await runner.query(
          'SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1',
          [schema],
        );
        for (const table of Object.values(described)) {
          table.indexes = table.indexes
            .map((entry) => {
              const name = entry.slice(0, entry.indexOf('('));
              const def = defs.find((d) => d.indexname === name)?.indexdef;
              if (!def) return entry;
              // A partial index's definition ends in `WHERE (...)`: the columns come before it.
              const head = def.split(' WHERE ')[0]!;
              const columns = head
                .slice(head.lastIndexOf('(') + 1, head.lastIndexOf(')'))
                .replace(/"/g, '');
              return `${name}(${columns.split(', ').join(',')})${entry.endsWith(' unique') ? ' unique' : ''}`;
            })
            .sort();
        }
      }
      return described;
    } finally {
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

describe('schema agreement between SQLite and PostgreSQL migrations', () => {
  it('gives the same tables, columns, nullability, indexes and foreign keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-schema-'));
    const schema = `schema_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const sqlite = await schemaOf(
        new DataSource({
          ...buildDataSourceOptions({ url: `sqlite:${join(dir, 'schema.sqlite')}` }),
          entities: [],
        }),
      );
      const postgres = await schemaOf(
        new DataSource({ ...buildDataSourceOptions({ url: PG_URL, schema }), entities: [] }),
        schema,
      );
      expect(Object.keys(sqlite).length).toBeGreaterThan(3);
      expect(postgres).toEqual(sqlite);
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
