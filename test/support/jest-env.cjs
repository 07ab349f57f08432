// Runs before each test file. The database the suite runs on is chosen here, from
// TEST_DATABASE_URL (unset: a temporary SQLite file per test file; postgres://...: a schema
// per test file in that database). Entities read DATABASE_URL when they load.
process.env.NODE_ENV = process.env.NODE_ENV === 'production' ? 'production' : 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL || 'silent';
if (process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
} else {
  delete process.env.DATABASE_URL;
}
