/** Two kinds of test: Node (domain, local cloud, functions through it) and pages (jsdom + miniprogram-simulate). */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: false }];

module.exports = {
  // A budget, not an assertion: journeys through the local cloud share 2 cores with every other
  // suite in CI; speed is measured by `npm run bench`, never by a timed test.
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/reporters/totals.js'],
  projects: [
    {
      displayName: 'node',
      testTimeout: 30_000,
      testEnvironment: 'node',
      roots: ['<rootDir>/localcloud', '<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/pages/'],
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
  ],
};
