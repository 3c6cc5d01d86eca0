// Three test tiers and the fault suite, each its own Jest project:
// `npm run test:unit|test:integration|test:e2e|test:fault`.
const { options } = require('./scripts/swc-options.cjs');
const { generate } = require('./scripts/generate-registries.cjs');

// the rule and irregularity registries list their folders' files (see the script)
generate();
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...options, swcrc: false }] },
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  // the integration suites run one file at a time in one worker (npm run test:integration), which
  // starts afresh once a file leaves it above this: each suite begins with a bounded heap, so
  // the replay-scale suite's throughput and memory figures are its own, not the leftovers of thirty
  // suites before it (they made a full GC every 400 ms cost seconds, and the rate fell tenfold)
  workerIdleMemoryLimit: '200MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/long-timeouts.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/long-timeouts.ts'],
    },
    {
      ...common,
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/fault/global-setup.ts',
      globalTeardown: '<rootDir>/test/fault/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/long-timeouts.ts'],
    },
  ],
};
