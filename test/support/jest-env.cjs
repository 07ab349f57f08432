// Runs before each test file. The database the suite runs on is chosen by TEST_DATABASE_URL
// (unset: a temporary SQLite file per test file; postgres://...: a schema per test file in
// that database); a developer's own DATABASE_URL never leaks into the tests.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL || 'silent';
delete process.env.DATABASE_URL;
delete process.env.DATABASE_SCHEMA;
