import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Node built-ins may appear only in platform entry points (`src/node.ts`, `src/node/**`),
// in apps, tools, tests and test support: the SDK, protocol and math cores stay isomorphic.
const nodeOnly = [
  'fs',
  'net',
  'http',
  'https',
  'worker_threads',
  'child_process',
  'os',
  'path',
  'zlib',
  'crypto',
  'tls',
  'dgram',
  'cluster',
];
const nodeOnlyPatterns = [...nodeOnly, ...nodeOnly.map((m) => `node:${m}`), 'fs/*', 'node:fs/*'];

const moduleBoundaries = {
  enforceBuildableLibDependency: false,
  allow: [],
  depConstraints: [
    { sourceTag: 'type:app', notDependOnLibsWithTags: ['type:app'] },
    // Build tools (tools/build) bundle any lib, at build time only.
    { sourceTag: 'type:tool', notDependOnLibsWithTags: ['type:app'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:shared', 'scope:client'] },
    { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
    {
      sourceTag: 'scope:simulation',
      onlyDependOnLibsWithTags: ['scope:shared', 'scope:client', 'scope:server', 'scope:simulation'],
    },
    // The CLI flag readers know the shared vocabularies (aggregator names), nothing of either end.
    { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:shared', 'scope:cli'] },
    { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
  ],
};

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', 'runs/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  // Layout belongs to Prettier (`npm run format:check` in lint); no lint rule argues with it.
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'libs/protocol/src/**/*.ts',
      'libs/models/src/**/*.ts',
      'libs/aggregation/src/**/*.ts',
      'libs/quantization/src/**/*.ts',
      'libs/secagg/src/**/*.ts',
      'libs/datasets/src/**/*.ts',
      'libs/runtime/src/**/*.ts',
      'libs/client/src/**/*.ts',
      'libs/model-export/src/**/*.ts',
    ],
    // Test support (`src/testing/**`, never in an entry point) runs under Jest in Node, as the tests do.
    ignores: ['**/*.test.ts', '**/src/node.ts', '**/src/node/**', '**/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeOnlyPatterns.filter((p) => !p.includes('*')), patterns: ['fs/*', 'node:fs/*'] },
      ],
    },
  },
  {
    // Browser page modules (bundled by esbuild into the page scripts): no Node built-in at all.
    files: ['libs/*/src/browser/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeOnly, patterns: [{ group: ['node:*', 'fs/*'], message: 'browser code: no Node built-ins' }] },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename'],
    },
  },
  {
    // The benches load heavy libraries lazily in their worker processes (each child measures its own
    // memory) and statically elsewhere: both are fine in a Node tool.
    files: ['tools/bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { ...moduleBoundaries, checkDynamicDependenciesExceptions: ['@edgefl/**'] },
      ],
    },
  },
];
