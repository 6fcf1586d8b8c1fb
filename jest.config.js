/**
 * One jest run holds every kind of test (shared/STYLE.md): unit (*.spec.ts, no database), integration
 * (*.int-spec.ts, real Postgres and Redis), API end-to-end and browser end-to-end. Each worker has its own
 * database, made fresh by the global setup.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
// NestJS 12 ships ES modules; jest on Node 20 cannot require() them, so they are compiled to CommonJS too.
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.tsx?$': swc, '^.+\\.m?jsx?$': swcJs },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|load-esm|file-type|strtok3|token-types|peek-readable|@tokenizer)/)'],
  moduleNameMapper: { '^@stockpulse/contracts$': '<rootDir>/libs/contracts/src/index.ts' },
  testEnvironment: 'node',
  testTimeout: 30000,
  rootDir: __dirname,
};
module.exports = {
  ...common,
  testTimeout: 30000,
  globalSetup: '<rootDir>/apps/api/src/shared/testing/global-setup.ts',
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/apps/api/src/**/*.int-spec.ts'], slowTestThreshold: 20 },
    { ...common, displayName: 'api-e2e', testMatch: ['<rootDir>/apps/api/test/e2e/**/*.e2e-spec.ts'], slowTestThreshold: 30 },
    { ...common, displayName: 'web-e2e', testMatch: ['<rootDir>/apps/web/e2e/**/*.e2e-spec.ts'], slowTestThreshold: 60 },
  ],
};
