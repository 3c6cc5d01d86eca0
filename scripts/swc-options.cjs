// One swc configuration for the build and for Jest: TypeScript with decorators and the
// decorator metadata NestJS dependency injection needs, path aliases rewritten to relative paths.
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const tsconfig = require('../tsconfig.json');

module.exports = {
  root,
  options: {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: tsconfig.compilerOptions.paths,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
};
