import { readFileSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as Esbuild from 'esbuild';

/** One line of the size table; `gzipped` is null where only a share of a bundle is known. */
export interface SizeRow {
  part: string;
  minified: number;
  gzipped: number | null;
}

/** Sizes of the installed packages, as browsers get them. */
export interface PackageSizes {
  rows: SizeRow[];
}

/** Where to measure: an installed consumer project, the esbuild to bundle with, the shipped files. */
export interface MeasureOptions {
  esbuild: typeof Esbuild;
  /** The consumer project whose node_modules hold the packages. */
  app: string;
  /** The standalone script as shipped. */
  standalone: string;
  /** The folder of tfjs-backend-wasm's `.wasm` binaries. */
  wasmDir: string;
}

const SDK = "export * from '@edgefl/client';";
const SDK_AND_PAGE = "export * from '@edgefl/client';\nexport * from '@edgefl/browser-client';";
// tfjs-backend-wasm's pthread worker script (text inlined in its glue): the standalone script leaves it out.
const WASM_THREAD_WORKER = /tfjs-backend-wasm-threaded-simd\.worker\.js$/;
const GROUPS: Array<[string, RegExp]> = [
  ['@tensorflow/tfjs-core', /node_modules[\\/]@tensorflow[\\/]tfjs-core[\\/]/],
  ['@tensorflow/tfjs-layers', /node_modules[\\/]@tensorflow[\\/]tfjs-layers[\\/]/],
  ['@tensorflow/tfjs-backend-wasm (JS glue)', /node_modules[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]/],
  ['@tensorflow/tfjs-backend-cpu', /node_modules[\\/]@tensorflow[\\/]tfjs-backend-cpu[\\/]/],
  [
    'socket.io-client, engine.io-client and their deps',
    /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io[\\/]component-emitter|debug|ms|xmlhttprequest-ssl|ws)[\\/]/,
  ],
  ['tweetnacl', /node_modules[\\/]tweetnacl[\\/]/],
  ['EdgeFL (@edgefl/*)', /node_modules[\\/]@edgefl[\\/]/],
];

/**
 * Bundles the installed packages for browsers the way an app's bundler would (esbuild, platform
 * `browser`, their ES module entries) and measures:
 * - the SDK's own code: `@edgefl/client` and the `@edgefl/*` libs it needs, minified, every
 *   third-party package left out;
 * - the same plus `@edgefl/browser-client` (wasm backend setup, demo pieces);
 * - the standalone script as shipped, and the share of each part in a minified browser bundle
 *   of the same entries;
 * - tfjs's wasm binaries, fetched by the page apart from the script.
 * Throws when a Node built-in is reachable from those entries (esbuild refuses it for browsers
 * unless a package's `browser` field disables it) or when a bundle takes `@edgefl/*` code from
 * anywhere but the packages' `dist/esm`.
 *
 * @example
 * const { rows } = await measurePackageSizes({ esbuild, app, standalone, wasmDir });
 */
export async function measurePackageSizes(options: MeasureOptions): Promise<PackageSizes> {
  const { esbuild, app, standalone, wasmDir } = options;
  const bundle = async (
    contents: string,
    ownCodeOnly: boolean,
  ): Promise<{ code: Buffer; metafile: Esbuild.Metafile }> => {
    const thirdPartyExternal: Esbuild.Plugin = {
      name: 'third-party-external',
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@edgefl/') ? undefined : { path: args.path, external: true },
        );
      },
    };
    const result = await esbuild.build({
      stdin: { contents, resolveDir: app, sourcefile: 'app-entry.mjs', loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2020',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      legalComments: 'none',
      plugins: ownCodeOnly ? [thirdPartyExternal] : [],
    });
    const ours = Object.keys(result.metafile.inputs).filter(
      (input) => input.includes(`@edgefl${sep}`) || input.includes('@edgefl/'),
    );
    const stray = ours.filter((input) => !/node_modules[\\/]@edgefl[\\/][\w-]+[\\/]dist[\\/]esm[\\/]/.test(input));
    if (ours.length === 0 || stray.length > 0)
      throw new Error(
        `the browser bundle took @edgefl code from outside dist/esm: ${stray.join(', ') || '(none found)'}`,
      );
    const code = Buffer.from(result.outputFiles[0].contents);
    const nodeOnly = code.toString('utf8').match(/["'`]node:[a-z_/]+["'`]/g);
    if (nodeOnly) throw new Error(`the browser bundle names Node built-ins: ${nodeOnly.join(', ')}`);
    return { code, metafile: result.metafile };
  };
  const row = (part: string, code: Buffer): SizeRow => ({
    part,
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
  });

  const sdk = await bundle(SDK, true);
  const sdkAndPage = await bundle(SDK_AND_PAGE, true);
  const everything = await bundle(SDK_AND_PAGE, false);
  const rows: SizeRow[] = [
    row("SDK's own code (@edgefl/client + the @edgefl libs it needs)", sdk.code),
    row('  + @edgefl/browser-client', sdkAndPage.code),
    row('standalone edgefl.min.js as shipped (all of the below)', readFileSync(standalone)),
  ];
  const output = Object.values(everything.metafile.outputs)[0];
  for (const [part, pattern] of GROUPS) {
    const bytes = Object.entries(output.inputs)
      .filter(([input]) => pattern.test(input) && !WASM_THREAD_WORKER.test(input))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    rows.push({ part: `  of which ${part}`, minified: bytes, gzipped: null });
  }
  for (const name of readdirSync(wasmDir)
    .filter((file) => file.endsWith('.wasm'))
    .sort()) {
    rows.push(row(`wasm binary ${name} (fetched apart)`, readFileSync(join(wasmDir, name))));
  }
  return { rows };
}
