/**
 * Browser journeys: Chromium (Debian's, through playwright-core) against the real server
 * serving the built console. Needs `npm run build` first.
 * Run: NODE_OPTIONS=--experimental-vm-modules npx jest -c test/browser/jest.config.js
 * @type {import('jest').Config}
 */
export default {
  displayName: 'browser',
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/browser/**/*.e2e.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  testTimeout: 120_000,
  maxWorkers: 1,
};
