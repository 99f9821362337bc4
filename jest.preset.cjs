// Shared Jest settings: TypeScript through SWC (type checking is `npm run typecheck`),
// workspace packages resolved through tsconfig paths so tests see sources, not builds.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./tools/jest/paths-to-module-name-mapper.cjs');

module.exports = {
  testEnvironment: 'node',
  // tfjs keeps its engine on the global object; Jest 30's global cleanup recurses on its setters.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    // The real tweetnacl, loaded outside Jest's sandbox: 10x faster crypto (see that file).
    '^tweetnacl$': path.join(__dirname, 'tools/jest/tweetnacl-outside-sandbox.cjs'),
    // onnxruntime-web imports its wasm glue dynamically: load it outside the sandbox (see that file).
    '^onnxruntime-web$': path.join(__dirname, 'tools/jest/onnxruntime-web-outside-sandbox.cjs'),
    ...pathsToModuleNameMapper(path.join(__dirname, 'tsconfig.base.json')),
  },
  setupFiles: [path.join(__dirname, 'tools/jest/fast-check-seed.cjs')],
  testTimeout: 60_000,
};
