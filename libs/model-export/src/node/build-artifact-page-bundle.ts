import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** The page script's entry. */
export const ARTIFACT_PAGE_ENTRY = join(__dirname, '..', 'browser', 'artifact-page-script.ts');

/**
 * Makes the bundle's `onnxruntime-web` imports use the global `ort` that the page's
 * `<script src=".../ort.wasm.min.js">` defines: onnxruntime-web's own browser build, which loads
 * its wasm glue and binary from `ort.env.wasm.wasmPaths`.
 */
function onnxruntimeFromGlobal(): Plugin {
  return {
    name: 'onnxruntime-web-from-global',
    setup(setup) {
      setup.onResolve({ filter: /^onnxruntime-web$/ }, () => ({ path: 'ort', namespace: 'edgefl-global' }));
      setup.onLoad({ filter: /.*/, namespace: 'edgefl-global' }, () => ({
        contents: 'module.exports = globalThis.ort;',
        loader: 'js',
      }));
    },
  };
}

/**
 * Bundles the artifact page's script (tfjs core, layers and the wasm backend, the ONNX and TFLite
 * wrappers of this lib) into one IIFE for the browser with esbuild. Build time only: used by the
 * browser tests and bench:infer, never by the exporter.
 *
 * @example
 * const code = await buildArtifactPageBundle();
 */
export async function buildArtifactPageBundle(): Promise<string> {
  const result = await build({
    entryPoints: [ARTIFACT_PAGE_ENTRY],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [onnxruntimeFromGlobal()],
  });
  return result.outputFiles[0].text;
}
