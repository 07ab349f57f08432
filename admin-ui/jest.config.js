/**
 * Unit tests of the console's plain logic (no DOM, no React). Usable on its own
 * (`NODE_OPTIONS=--experimental-vm-modules npx jest -c admin-ui/jest.config.js`) or as a
 * project of the root Jest config.
 * @type {import('jest').Config}
 */
export default {
  displayName: 'admin-ui',
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
};
