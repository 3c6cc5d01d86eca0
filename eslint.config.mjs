// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// The pure libraries take events, catalogue and the instant as arguments: no framework, driver,
// I/O or clock. Anything that needs one lives in an app or in persistence/platform behind a port.
const frameworkAndDrivers = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'pg-*',
  'kafkajs',
  'socket.io',
  'socket.io-*',
  'rxjs',
  'rxjs/*',
  'nestjs-pino',
  'pino',
  'pino-*',
  'prom-client',
  'fs',
  'node:fs',
  'fs/*',
  'node:fs/*',
  'net',
  'node:net',
  'http',
  'node:http',
  'child_process',
  'node:child_process',
  '@app/persistence',
  '@app/platform',
];
const pureLibs = [
  'libs/contracts/src/**/*.ts',
  'libs/calendar/src/**/*.ts',
  'libs/rules/src/**/*.ts',
  'libs/evaluation/src/**/*.ts',
];

// One job per app: an app never imports another app's source. What two apps share lives in a
// library (the ingest core the pipeline and `rebuild` run is libs/ingest). Libraries import no app.
const apps = ['console', 'pipeline', 'replay', 'simulator'];
const appFence = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: forbidden.flatMap((app) => [`**/${app}/src`, `**/${app}/src/**`]), message }] },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'apps/console/web/dist/**',
      '.cache/**',
      'bench/results/**',
      '**/*.generated.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', '*.js', 'scripts/*.mjs', 'scripts/*.cjs', 'apps/console/web/*.mjs'],
          // the build and config scripts outside the TypeScript projects (ten of them)
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through the typed config of @app/platform.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-properties': 'off',
    },
  },
  {
    files: pureLibs,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkAndDrivers, message: 'Pure libraries import no framework, driver or I/O.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock in pure libraries: the instant is an argument.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'No clock in pure libraries: the instant is an argument.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'No clock in pure libraries: the instant is an argument.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Timers are data (due instants), never JavaScript timers.' },
        { name: 'setInterval', message: 'Timers are data (due instants), never JavaScript timers.' },
        { name: 'performance', message: 'No clock in pure libraries.' },
        { name: 'process', message: 'No process access in pure libraries.' },
      ],
    },
  },
  ...apps.map((app) =>
    appFence(
      [`apps/${app}/**/*.ts`],
      apps.filter((other) => other !== app),
      `One job per app: apps/${app} imports no other app; share code through a library.`,
    ),
  ),
  appFence(
    ['libs/ingest/**/*.ts', 'libs/persistence/**/*.ts', 'libs/platform/**/*.ts', 'libs/catalog/**/*.ts'],
    apps,
    'Libraries import no app.',
  ),
  {
    // Persistence is adapters only (SQL, stores, migrations). It may use @app/contracts (types,
    // validation), @app/catalog (parsing a stored catalogue, building its history, reading its
    // directory) and @app/platform, but only the types of the pure domain libraries: a store that
    // needs their logic gets the function through its constructor, or its caller computes.
    files: ['libs/persistence/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...['@app/rules', '@app/evaluation', '@app/calendar'].map((name) => ({
              name,
              allowTypeImports: true,
              message: `Persistence imports only types from ${name}; its logic runs in the caller or comes in through a constructor.`,
            })),
            {
              name: '@app/ingest',
              message: 'Persistence is below ingest: ingest imports persistence, not the reverse.',
            },
          ],
          patterns: [
            {
              group: ['rules', 'evaluation', 'calendar'].flatMap((lib) => [
                `**/${lib}/src`,
                `**/${lib}/src/**`,
              ]),
              allowTypeImports: true,
              message: 'Persistence imports only types from the pure libraries, through their @app/ name.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-globals': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // configuration is the one place that reads the environment; launchers and tests pass it on
    files: ['libs/platform/src/config/**/*.ts', 'deploy/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
