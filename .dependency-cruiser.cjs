/**
 * Context boundaries of shared/STYLE.md, checked on every `npm test`:
 * - a context imports another only through its index.ts;
 * - shared/ (the kernel) imports nothing from modules/;
 * - domain/ stays pure: no Nest, no TypeORM, no infrastructure;
 * - no import cycles between contexts;
 * - the dashboard never imports API code, only @stockpulse/contracts.
 */
module.exports = {
  forbidden: [
    {
      name: 'context-deep-import',
      comment: 'Import another context only through its index.ts (its public face).',
      severity: 'error',
      from: { path: '^apps/api/src/modules/([^/]+)/' },
      to: {
        path: '^apps/api/src/modules/([^/]+)/.+',
        pathNot: ['^apps/api/src/modules/$1/', '^apps/api/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'kernel-imports-context',
      comment: 'shared/ is the kernel every context may use; it must not depend on any context.',
      severity: 'error',
      from: { path: '^apps/api/src/shared/', pathNot: '^apps/api/src/shared/testing/' },
      to: { path: '^apps/api/src/modules/' },
    },
    {
      name: 'impure-domain',
      comment: 'domain/ holds pure rules: no Nest, no TypeORM, no I/O, no infrastructure.',
      severity: 'error',
      from: { path: '^apps/api/src/modules/[^/]+/domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|pg|ioredis|bullmq)/',
          '^apps/api/src/modules/[^/]+/(infrastructure|api|application|jobs)/',
          '^apps/api/src/shared/(database|queue|outbox|http)/',
        ],
      },
    },
    {
      name: 'context-cycle',
      comment: 'No import cycles between contexts (and no forwardRef).',
      severity: 'error',
      from: { path: '^apps/api/src/modules/' },
      to: { circular: true },
    },
    {
      name: 'web-imports-api',
      comment: 'The dashboard talks to the API over HTTP; shared types come from @stockpulse/contracts.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/api/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '\\.e2e-spec\\.ts$'] },
  },
};
