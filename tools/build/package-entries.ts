import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What a workspace package builds from, read from its package.json and src/. */
export interface PackageEntries {
  /** The package's directory. */
  root: string;
  /** The package name. */
  name: string;
  /** Library entries by output name (`index`, `node`): `src/<name>.ts`, one per `exports` subpath. */
  library: Record<string, string>;
  /** The CLI entry (`src/main.ts`) when the package has a `bin`; it is built as CommonJS only. */
  cli: string | null;
  /** Worker loaders: `src/<loader>.cjs` files that load `src/<target>.ts` in a worker thread through tsx. */
  workers: Array<{ loader: string; target: string }>;
  /** Packages the manifest declares: dependencies, peer and optional dependencies. */
  declared: string[];
}

interface PackageJson {
  name: string;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const WORKER_LOADER = /require\('\.\/([\w-]+)\.ts'\)/;

/**
 * The entries of a workspace package: every `exports` subpath that points into `dist/esm`
 * (`"."` -> `src/index.ts`, `"./node"` -> `src/node.ts`), the CLI (`src/main.ts`) of a package with
 * a `bin`, and the worker loaders in `src/*.cjs`.
 *
 * @example
 * packageEntries('libs/runtime').library; // { index: 'libs/runtime/src/index.ts', node: 'libs/runtime/src/node.ts' }
 */
export function packageEntries(root: string): PackageEntries {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const library: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const esm = typeof target === 'object' && target !== null ? (target as Record<string, unknown>).import : undefined;
    const match = typeof esm === 'string' ? /^\.\/dist\/esm\/([\w-]+)\.mjs$/.exec(esm) : null;
    if (!match) continue;
    const source = join(root, 'src', `${match[1]}.ts`);
    if (!existsSync(source)) throw new Error(`${manifest.name}: exports["${subpath}"] needs ${source}`);
    library[match[1]] = source;
  }
  const cli = manifest.bin ? join(root, 'src', 'main.ts') : null;
  if (cli && !existsSync(cli)) throw new Error(`${manifest.name}: a package with a bin needs ${cli}`);
  const workers: PackageEntries['workers'] = [];
  for (const file of readdirSync(join(root, 'src')).filter((name) => name.endsWith('.cjs'))) {
    const target = WORKER_LOADER.exec(readFileSync(join(root, 'src', file), 'utf8'));
    if (target) workers.push({ loader: file, target: target[1] });
  }
  if (Object.keys(library).length === 0 && !cli)
    throw new Error(`${manifest.name}: nothing to build (no exports into dist/esm, no bin)`);
  const declared = [manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies].flatMap((deps) =>
    Object.keys(deps ?? {}),
  );
  return { root, name: manifest.name, library, cli, workers, declared };
}
