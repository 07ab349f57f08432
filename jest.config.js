// One Jest run over every workspace, in the tiers of the model codebases:
// unit (shared/, services), server end-to-end over HTTP, and browser journeys (test/).
const esmProject = (name, rootDir, testMatch, extra = {}) => ({
  displayName: name,
  rootDir,
  testMatch,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Its ESM build imports JSON without an import attribute, which Jest warns about at length.
    '^libphonenumber-js$': '<rootDir>/../node_modules/libphonenumber-js/index.cjs',
  },
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  setupFiles: ['<rootDir>/../test/support/jest-env.cjs'],
  ...extra,
});

export default {
  projects: [
    esmProject('shared', '<rootDir>/shared', ['<rootDir>/src/**/*.spec.ts']),
    esmProject('server', '<rootDir>/server', [
      '<rootDir>/src/**/*.spec.ts',
      '<rootDir>/test/**/*.e2e-spec.ts',
    ]),
    esmProject('admin-ui', '<rootDir>/admin-ui', ['<rootDir>/src/**/*.spec.ts']),
    esmProject('browser', '<rootDir>/test', ['<rootDir>/browser/**/*.e2e.spec.ts'], {
      setupFiles: ['<rootDir>/support/jest-env.cjs'],
    }),
    esmProject('test-support', '<rootDir>/test', ['<rootDir>/support/**/*.spec.ts']),
    // `npm run bench -- --scale 10000` once, on SQLite: .ci/run's PostgreSQL pass leaves it out.
    esmProject('bench', '<rootDir>/test', ['<rootDir>/bench/**/*.spec.ts']),
  ],
  // The end-to-end tests run the built server and console: a stale build stops the run here.
  globalSetup: '<rootDir>/test/support/check-build.js',
  testTimeout: 60_000,
  // Browser journeys, spawned servers and argon2 all want a core: at most half of them run
  // test files, so that a loaded machine slows the suite down instead of tripping timeouts.
  maxWorkers: process.env.JEST_MAX_WORKERS ?? '50%',
  // Each end-to-end file loads the whole server afresh and Jest's ESM module registries are never
  // freed: one long-lived process grew to gigabytes and spent the later files collecting garbage.
  // A worker past this size after a file is replaced by a fresh one.
  workerIdleMemoryLimit: process.env.JEST_WORKER_MEMORY_LIMIT ?? '1GB',
};
