import { join } from 'node:path';
import { build } from 'esbuild';
import { forbidNodeBuiltins } from './forbid-node-builtins-plugin';

const WORKSPACE = join(__dirname, '..', '..', '..', '..');

function bundle(contents: string) {
  return build({
    stdin: { contents, resolveDir: WORKSPACE, sourcefile: 'first-party.ts', loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
    plugins: [forbidNodeBuiltins()],
  });
}

describe('forbidNodeBuiltins', () => {
  it('fails the build when our code imports a node: module', async () => {
    await expect(bundle("import { readFileSync } from 'node:fs'; console.log(readFileSync);")).rejects.toThrow(
      /Node built-in "node:fs" imported by/,
    );
  });

  it('fails the build when our code imports a bare built-in', async () => {
    await expect(bundle("import { join } from 'path'; console.log(join);")).rejects.toThrow(
      /Node built-in "path" imported by .*must not import Node built-ins/,
    );
    await expect(bundle("import * as w from 'worker_threads'; console.log(w);")).rejects.toThrow(/"worker_threads"/);
  });

  it('lets third-party packages keep built-ins their browser field disables', async () => {
    // tfjs-backend-wasm's emscripten glue requires fs, path and worker_threads; its package.json maps them to false.
    const result = await bundle(
      "import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'; console.log(setWasmPaths);",
    );
    expect(result.outputFiles[0].text.length).toBeGreaterThan(0);
  });

  it('passes imports that are not built-ins', async () => {
    const result = await bundle("import { isBackendName } from '@edgefl/runtime'; console.log(isBackendName('wasm'));");
    expect(result.outputFiles[0].text).toContain('wasm');
  });
});
