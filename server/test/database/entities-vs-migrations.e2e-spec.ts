import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';
import { runMigrations } from '../../src/database/run-migrations.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

/**
 * The schema comes only from migrations, and the entities are what the code reads and writes:
 * after every migration has run, TypeORM must find nothing left to change (the queries
 * `migration:generate` would write). Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
describe('entities against migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions({ url: db.url, schema: db.schema }));
    await dataSource.initialize();
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('leaves no pending schema change after all migrations have run', async () => {
    expect(dataSource.entityMetadatas.length).toBeGreaterThan(3);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
