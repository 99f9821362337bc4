import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { BuildOptions } from 'esbuild';

// createRequire rather than a bare `require`, so the compiled ES module resolves the same way.
const requireHere = createRequire(__filename);
const scripts = new Map<string, string>();

/** How a page script is bundled: one IIFE for browsers, ES2020, every import inlined. */
export const BROWSER_SCRIPT_BUILD_OPTIONS = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  write: false,
  logLevel: 'silent',
  legalComments: 'none',
  charset: 'utf8',
} as const satisfies BuildOptions;

/**
 * Bundles the browser module `entry` (a `src/browser/*-page.ts` file) into one script with esbuild
 * (a devDependency: the build calls this, and so do runs from sources). `@edgefl/*` imports
 * resolve through the workspace's tsconfig paths.
 *
 * @example
 * writeFileSync('dist/browser/dashboard-page.js', bundleBrowserScript('src/browser/dashboard-page.ts'));
 */
export function bundleBrowserScript(entry: string): string {
  const esbuild = requireHere('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({ ...BROWSER_SCRIPT_BUILD_OPTIONS, entryPoints: [entry] });
  return result.outputFiles[0].text;
}

/**
 * The page script `name` of the package whose module lives in `moduleDir` (pass `__dirname`):
 * from a build, `dist/browser/<name>.js`, written at build time (see tools/build); from sources
 * (tests, tsx), `src/browser/<name>.ts` bundled on first use. Cached per package and name.
 *
 * @example
 * const script = loadBrowserScript(__dirname, 'dashboard-page');
 */
export function loadBrowserScript(moduleDir: string, name: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new RangeError(`browser script names are kebab-case, got ${name}`);
  const root = packageRoot(moduleDir);
  const key = `${root}:${name}`;
  let script = scripts.get(key);
  if (script === undefined) {
    const fromSources = relative(root, moduleDir).split(sep)[0] === 'src';
    script = fromSources
      ? bundleBrowserScript(join(root, 'src', 'browser', `${name}.ts`))
      : readBuiltScript(join(root, 'dist', 'browser', `${name}.js`));
    scripts.set(key, script);
  }
  return script;
}

function packageRoot(moduleDir: string): string {
  for (let dir = moduleDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${moduleDir}`);
  }
}

function readBuiltScript(file: string): string {
  if (!existsSync(file)) throw new Error(`${file} is missing: the package build writes it (npm run build)`);
  return readFileSync(file, 'utf8');
}
