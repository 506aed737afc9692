/**
 * Three kinds of test: Node (domain, local cloud, functions through it), pages (jsdom +
 * miniprogram-simulate) and browser (the preview host in Chromium, end to end).
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: false }];

module.exports = {
  // A budget, not an assertion: journeys through the local cloud share 2 cores with every other
  // suite in CI; speed is measured by `npm run bench`, never by a timed test.
  testTimeout: 30_000,
  // Jest's default leaves one core idle (cores - 1 workers: one on CI's 2 cores). A suite drives a
  // local cloud whose function instances run in the same process, about 1.1 cores each: two
  // workers on 2 cores take the run from about 520 s to about 320 s.
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/test/reporters/totals.js'],
  globalSetup: '<rootDir>/test/global-setup.js',
  projects: [
    {
      displayName: 'node',
      testTimeout: 30_000,
      testEnvironment: 'node',
      roots: ['<rootDir>/localcloud', '<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/pages/', '<rootDir>/test/e2e/'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      displayName: 'pages',
      testTimeout: 30_000,
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/pages'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      // End-to-end: the preview host in Debian Chromium (playwright-core), against the local cloud.
      displayName: 'browser',
      testTimeout: 60_000,
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
