/**
 * A minimal require hook compiling TypeScript with @swc/core (already a dev dependency), so that scripts/*.ts
 * run with plain node: `node -r ./scripts/swc-register.cjs scripts/bench-ingest.ts`. Decorators are compiled as
 * Nest expects and `@stockpulse/contracts` resolves to its sources, so a script can boot the API in-process.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require('@swc/core');

const contracts = path.join(__dirname, '..', 'libs', 'contracts', 'src', 'index.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveContracts(request, ...rest) {
  return resolve.call(this, request === '@stockpulse/contracts' ? contracts : request, ...rest);
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
