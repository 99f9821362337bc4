import { isBackendName, type BackendName } from '../backend-name';

/** What the caller asked for: a backend, or 'auto' for the fastest one that works. */
export type BackendRequest = BackendName | 'auto';

/**
 * The order in which `initializeBackend` tries backends: an explicit option wins over the
 * `EDGEFL_BACKEND` environment variable, which wins over 'auto'; 'auto' means tfjs-node's
 * 'tensorflow' when it loaded, then 'wasm', then 'cpu'. Pure, so the policy is testable
 * without tfjs-node installed. Throws naming the bad option or variable.
 *
 * @example
 * backendCandidates(undefined, { EDGEFL_BACKEND: 'cpu' }, true); // ['cpu']
 * backendCandidates('auto', {}, false); // ['wasm', 'cpu']
 */
export function backendCandidates(
  option: BackendRequest | undefined,
  env: Record<string, string | undefined>,
  nativeLoaded: boolean,
): BackendName[] {
  let request: BackendRequest;
  if (option !== undefined) {
    if (option !== 'auto' && !isBackendName(option)) {
      throw new Error(`options.backend must be 'tensorflow', 'wasm', 'cpu' or 'auto', got ${String(option)}`);
    }
    request = option;
  } else {
    const fromEnv = env['EDGEFL_BACKEND']?.trim();
    if (fromEnv === undefined || fromEnv === '') {
      request = 'auto';
    } else if (fromEnv === 'auto' || isBackendName(fromEnv)) {
      request = fromEnv;
    } else {
      throw new Error(`EDGEFL_BACKEND must be 'tensorflow', 'wasm', 'cpu' or 'auto', got '${fromEnv}'`);
    }
  }
  if (request !== 'auto') return [request];
  return nativeLoaded ? ['tensorflow', 'wasm', 'cpu'] : ['wasm', 'cpu'];
}
