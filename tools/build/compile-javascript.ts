import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Metafile, Plugin } from 'esbuild';
import { assertDependenciesDeclared } from './assert-dependencies-declared';
import type { PackageEntries } from './package-entries';

const TARGET = 'es2022';
// CommonJS globals for the ES modules of Node-only code that uses them, prepended only to the
// output files that do (an isomorphic entry imports no `node:` module through them). esbuild's
// `require` helper throws in an ES module unless a `require` is in scope: give it Node's.
const NODE_GLOBALS: Array<{ uses: RegExp; banner: string }> = [
  {
    uses: /typeof require !== "undefined"/,
    banner:
      'import { createRequire as __edgeflCreateRequire } from "node:module";\nconst require = __edgeflCreateRequire(import.meta.url);\n',
  },
  {
    uses: /\b__(dirname|filename)\b/,
    banner:
      'import { dirname as __edgeflDirname } from "node:path";\nimport { fileURLToPath as __edgeflFileURLToPath } from "node:url";\nconst __filename = __edgeflFileURLToPath(import.meta.url);\nconst __dirname = __edgeflDirname(__filename);\n',
  },
];

/**
 * Leaves every bare import (`@edgefl/protocol`, `@tensorflow/tfjs-core`, `node:fs`) to run time.
 * esbuild's `packages: 'external'` alone is not enough: the workspace's tsconfig paths would map
 * `@edgefl/*` to their sources first and inline them, duplicating other packages' code.
 */
const BARE_IMPORTS_EXTERNAL: Plugin = {
  name: 'bare-imports-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      isAbsolute(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Compiles a package's sources to JavaScript in `dist/`:
 * - `dist/esm/<entry>.mjs`: ES modules, one bundle per library entry with shared chunks, every
 *   package import left external (an isomorphic entry reaches no Node built-in);
 * - `dist/cjs/**.js`: CommonJS, one file per source file reachable from the entries (library,
 *   CLI, workers), so `require('./x')` between them works and no module is duplicated.
 * Fails when the code imports a package the manifest does not declare. Returns the source files
 * compiled to CommonJS.
 *
 * @example
 * await compileJavaScript(packageEntries('libs/client'));
 */
export async function compileJavaScript(entries: PackageEntries): Promise<string[]> {
  const dist = join(entries.root, 'dist');
  const sources = new Set<string>();
  const imported = new Set<string>();
  const collect = (inputs: Metafile['inputs']): void => {
    for (const [input, { imports }] of Object.entries(inputs)) {
      const file = resolve(input);
      if (file.startsWith(resolve(entries.root, 'src')) && file.endsWith('.ts')) sources.add(file);
      // Bare specifiers only: esbuild also marks some relative imports external (an inlined TS enum's).
      for (const { path, external } of imports)
        if (external && !path.startsWith('.') && !isAbsolute(path)) imported.add(path);
    }
  };

  if (Object.keys(entries.library).length > 0) {
    const esm = await build({
      entryPoints: entries.library,
      outdir: join(dist, 'esm'),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      plugins: [BARE_IMPORTS_EXTERNAL],
      target: TARGET,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      metafile: true,
      write: false,
      logLevel: 'warning',
      legalComments: 'inline',
    });
    for (const file of esm.outputFiles) {
      const banners = NODE_GLOBALS.filter(({ uses }) => uses.test(file.text)).map(({ banner }) => banner);
      writeOutput(file.path, banners.join('') + file.text);
    }
    collect(esm.metafile.inputs);
  }

  // What the CLI and the workers reach, beyond the library entries.
  const programs = [
    ...(entries.cli ? [entries.cli] : []),
    ...entries.workers.map((worker) => join(entries.root, 'src', `${worker.target}.ts`)),
  ];
  if (programs.length > 0) {
    const reach = await build({
      entryPoints: programs,
      bundle: true,
      plugins: [BARE_IMPORTS_EXTERNAL],
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
      outdir: join(dist, 'reach'),
    });
    collect(reach.metafile.inputs);
  }

  assertDependenciesDeclared(entries.name, imported, entries.declared);
  await build({
    entryPoints: [...sources],
    outdir: join(dist, 'cjs'),
    outbase: join(entries.root, 'src'),
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: TARGET,
    logLevel: 'warning',
  });
  for (const worker of entries.workers) {
    const banner =
      '// Loads the compiled worker (the sources use src/' + worker.loader + ', which goes through tsx).\n';
    writeFileSync(join(dist, 'cjs', worker.loader), `${banner}require('./${worker.target}.js');\n`);
    if (Object.keys(entries.library).length > 0)
      writeFileSync(join(dist, 'esm', worker.loader), `${banner}require('../cjs/${worker.target}.js');\n`);
  }
  return [...sources].map((file) => relative(entries.root, file)).sort();
}

function writeOutput(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}
