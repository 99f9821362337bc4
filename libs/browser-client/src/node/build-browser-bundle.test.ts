import { builtinModules } from 'node:module';
import { buildBrowserBundle } from './build-browser-bundle';

const BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

describe('buildBrowserBundle', () => {
  let bundle: Awaited<ReturnType<typeof buildBrowserBundle>>;

  beforeAll(async () => {
    bundle = await buildBrowserBundle();
  });

  it('builds one script that sets window.EdgeFL from the SDK, runtime and demo sources', () => {
    expect(bundle.code.length).toBeGreaterThan(100_000);
    expect(bundle.code.includes('window.EdgeFL=')).toBe(true);
    for (const source of [
      'libs/browser-client/src/browser-entry.ts',
      'libs/client/src/federated-client.ts',
      'libs/runtime/src/register-wasm-gradients.ts',
    ]) {
      expect(bundle.inputs).toContain(source);
    }
  });

  it('contains no reference to a Node built-in', () => {
    const escape = (name: string): string => name.replace(/[/.]/g, '\\$&');
    const required = new RegExp(
      `\\brequire\\(\\s*["'\`](node:)?(${BUILTINS.map(escape).join('|')})(/[^"'\`]*)?["'\`]\\s*\\)`,
      'g',
    );
    expect(bundle.code.match(required)).toBeNull();
    expect(bundle.code.match(/["'`]node:[a-z_/]+["'`]/g)).toBeNull();
    // Built-ins only appear as modules a package's browser field disabled (empty stubs).
    const builtinInputs = bundle.inputs.filter((input) => BUILTINS.includes(input.replace(/^\(disabled\):/, '')));
    expect(builtinInputs.length).toBeGreaterThan(0);
    expect(builtinInputs.every((input) => input.startsWith('(disabled):'))).toBe(true);
  });

  it('leaves out the wasm pthread worker script', () => {
    // The worker's text (inlined as a string by tfjs) starts by loading worker_threads under Node.
    expect(bundle.code.includes('nodeWorkerThreads')).toBe(false);
    expect(
      bundle.inputs.some(
        (input) =>
          input.endsWith('tfjs-backend-wasm-threaded-simd.worker.js') && !input.startsWith('edgefl-omitted-worker:'),
      ),
    ).toBe(false);
  });

  it('checks its options', async () => {
    await expect(buildBrowserBundle({ minify: 'yes' as unknown as boolean })).rejects.toThrow('options.minify');
    await expect(buildBrowserBundle(null as unknown as object)).rejects.toThrow('options');
  });
});
