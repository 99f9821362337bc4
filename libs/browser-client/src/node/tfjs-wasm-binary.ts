import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The binaries tfjs-backend-wasm fetches, by file name (it picks one by SIMD and thread support). */
export const TFJS_WASM_BINARIES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/** One of {@link TFJS_WASM_BINARIES}. */
export type TfjsWasmBinaryName = (typeof TFJS_WASM_BINARIES)[number];

const cache = new Map<TfjsWasmBinaryName, Buffer>();
// createRequire rather than a bare `require`, so the compiled ES module resolves the same way.
const requireHere = createRequire(__filename);

/**
 * A tfjs wasm binary read once from the installed `@tensorflow/tfjs-backend-wasm` (so the page
 * needs no CDN and always gets the version its bundle was built against).
 *
 * @example
 * tfjsWasmBinary('tfjs-backend-wasm-simd.wasm').subarray(0, 4); // <00 61 73 6d>, "\0asm"
 */
export function tfjsWasmBinary(name: TfjsWasmBinaryName): Buffer {
  if (!(TFJS_WASM_BINARIES as readonly string[]).includes(name))
    throw new RangeError(`name must be one of ${TFJS_WASM_BINARIES.join(', ')}, got ${String(name)}`);
  let body = cache.get(name);
  if (!body) {
    // The package's main is dist/tf-backend-wasm.node.js: the binaries sit beside it.
    body = readFileSync(join(dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm')), name));
    cache.set(name, body);
  }
  return body;
}
