/**
 * The coordinator's HTTP routes for the global model (docs/PROTOCOL.md section 12, "Model
 * download"), in the TensorFlow.js LayersModel format: `tf.loadLayersModel(origin + path)`.
 */
export const MODEL_ROUTES = {
  /** The latest committed version's `model.json`. */
  latest: '/api/model/model.json',
  /** Prefix of a committed version's files: `/api/model/v/<N>/model.json` and `/api/model/v/<N>/weights.bin`. */
  versionPrefix: '/api/model/v/',
} as const;

/** The response header naming the model version a `model.json` or weight file holds. */
export const MODEL_VERSION_HEADER = 'x-edgefl-model-version';

/**
 * An absolute-path reference (no scheme, host, query or fragment) that `round-end.modelUrl` and
 * `run-end.modelUrl` must match: the model stays on the coordinator's own origin, so a client's
 * token is never sent elsewhere.
 */
export const MODEL_URL_PATTERN = /^\/(?!\/)[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,511}$/;

/**
 * The path of a version's `model.json` on the coordinator (the latest committed one without a
 * version).
 *
 * @example
 * modelJsonPath(); // '/api/model/model.json'
 * modelJsonPath(3); // '/api/model/v/3/model.json'
 */
export function modelJsonPath(version?: number): string {
  if (version === undefined) return MODEL_ROUTES.latest;
  if (!Number.isSafeInteger(version) || version < 0)
    throw new RangeError(`version must be a non-negative integer, got ${String(version)}`);
  return `${MODEL_ROUTES.versionPrefix}${version}/model.json`;
}
