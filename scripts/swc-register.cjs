/**
 * A minimal require hook compiling TypeScript with @swc/core (already a dev dependency), so that scripts/*.ts
 * run with plain node: `node -r ./scripts/swc-register.cjs scripts/bench-ingest.ts`.
 */
const fs = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
