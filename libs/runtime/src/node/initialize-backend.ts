import type { BackendName } from '../backend-name';
import { useBackend } from '../use-backend';
import { backendCandidates, type BackendRequest } from './choose-backend';
import { loadTfjsNode } from './load-tfjs-node';

/**
 * Picks and activates the tfjs backend for this Node process and returns its name. Order: the
 * `backend` option, else the `EDGEFL_BACKEND` environment variable, else 'auto' (tfjs-node's
 * 'tensorflow' if it loads, else 'wasm', else 'cpu'). An explicit choice that fails throws;
 * 'auto' falls through to the next candidate. Logs nothing; works without tfjs-node.
 *
 * @example
 * const backend = await initializeBackend(); // 'wasm' where tfjs-node is not installed
 * await initializeBackend({ backend: 'cpu' }); // 'cpu'
 */
export async function initializeBackend(
  options: { backend?: BackendRequest; env?: NodeJS.ProcessEnv } = {},
): Promise<BackendName> {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const env = options.env ?? process.env;
  const explicit = options.backend ?? env['EDGEFL_BACKEND'];
  const wantsNative = explicit === undefined || explicit === '' || explicit === 'auto' || explicit === 'tensorflow';
  const candidates = backendCandidates(options.backend, env, wantsNative && loadTfjsNode());
  if (candidates.length === 1 && candidates[0] === 'tensorflow' && !loadTfjsNode()) {
    throw new Error("backend 'tensorflow' needs @tensorflow/tfjs-node, which is not installed or failed to load");
  }
  let lastError: unknown;
  for (const name of candidates) {
    try {
      return await useBackend(name);
    } catch (error) {
      if (candidates.length === 1) throw error;
      lastError = error;
    }
  }
  throw new Error(`no tfjs backend could be initialized: ${String(lastError)}`);
}
