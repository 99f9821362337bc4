import { join } from 'node:path';
import { build } from 'esbuild';
import { forbidNodeBuiltins } from './forbid-node-builtins-plugin';
import { omitWasmThreadWorker } from './omit-wasm-thread-worker-plugin';

/** Options of {@link buildBrowserBundle}. */
export interface BrowserBundleOptions {
  /** Minify (default true): ~0.9 MB instead of ~2.5 MB. */
  minify?: boolean;
}

/** A built browser bundle. */
export interface BrowserBundle {
  /** An IIFE script that sets `window.EdgeFL`. */
  code: string;
  /** Every module bundled, relative to the working directory; Node built-ins disabled by packages show as `(disabled):name`. */
  inputs: string[];
}

/** The bundle's entry: what `window.EdgeFL` exposes. */
export const BROWSER_ENTRY = join(__dirname, '..', 'browser-entry.ts');

/**
 * Bundles the client SDK for browsers with esbuild: platform `browser`, one IIFE script, ES2020,
 * and a build error if any Node built-in would be needed (see {@link forbidNodeBuiltins}).
 * `@edgefl/*` imports resolve through the workspace's tsconfig paths. Takes about a second.
 *
 * @example
 * const { code } = await buildBrowserBundle();
 * response.end(code);
 */
export async function buildBrowserBundle(options: BrowserBundleOptions = {}): Promise<BrowserBundle> {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { minify = true } = options;
  if (typeof minify !== 'boolean') throw new TypeError('options.minify must be a boolean');
  const result = await build({
    entryPoints: [BROWSER_ENTRY],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify,
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [forbidNodeBuiltins(), omitWasmThreadWorker()],
  });
  const [output] = result.outputFiles;
  return { code: output.text, inputs: Object.keys(result.metafile.inputs) };
}
