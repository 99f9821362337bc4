import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { modelJsonPath } from '@edgefl/protocol';
import { ModelDownloadError } from './client-errors';

/** Options of {@link loadCoordinatorModel} and `FederatedClient.loadModel`. */
export interface LoadModelOptions {
  /** A committed version; the latest committed one when absent. */
  version?: number;
  /**
   * Sent as `Authorization: Bearer <token>` with `model.json` and its weights, when the coordinator
   * does not serve the model publicly (docs/PROTOCOL.md section 12).
   */
  token?: string;
  /** The fetch to use (global `fetch` by default). */
  fetch?: typeof fetch;
}

/**
 * The URL of a version's `model.json` on the coordinator at `coordinatorUrl` (http(s), or ws(s)
 * which maps to http(s)); any path on `coordinatorUrl` is replaced.
 *
 * @example
 * coordinatorModelUrl('http://127.0.0.1:7070'); // 'http://127.0.0.1:7070/api/model/model.json'
 * coordinatorModelUrl('https://fl.example', 4); // 'https://fl.example/api/model/v/4/model.json'
 */
export function coordinatorModelUrl(coordinatorUrl: string, version?: number): string {
  let base: URL;
  try {
    base = new URL(coordinatorUrl);
  } catch {
    throw new TypeError(`coordinatorUrl must be an absolute URL, got ${JSON.stringify(coordinatorUrl)}`);
  }
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[base.protocol];
  if (!scheme) throw new TypeError(`coordinatorUrl must be an http(s) or ws(s) URL, got ${base.protocol}`);
  const url = new URL(modelJsonPath(version), base);
  url.protocol = scheme;
  return url.toString();
}

/**
 * Downloads the coordinator's global model with TensorFlow.js' own loader (`tf.loadLayersModel`)
 * and returns it ready for `predict` on the active backend. The model carries its version in
 * `model.getUserDefinedMetadata().edgefl.modelVersion`.
 *
 * @throws ModelDownloadError when the coordinator cannot be reached, refuses (401) or has no such version (404).
 * @example
 * const model = await loadCoordinatorModel('http://127.0.0.1:7070');
 * const probabilities = model.predict(images) as tf.Tensor;
 */
export async function loadCoordinatorModel(
  coordinatorUrl: string,
  options: LoadModelOptions = {},
): Promise<LayersModel> {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  if (options.token !== undefined && (typeof options.token !== 'string' || options.token.length === 0))
    throw new TypeError('options.token must be a non-empty string when given');
  if (options.version !== undefined && (!Number.isSafeInteger(options.version) || options.version < 0)) {
    throw new RangeError(`options.version must be a non-negative integer, got ${String(options.version)}`);
  }
  const url = coordinatorModelUrl(coordinatorUrl, options.version);
  try {
    return await tfl.loadLayersModel(url, {
      requestInit: options.token === undefined ? undefined : { headers: { authorization: `Bearer ${options.token}` } },
      fetchFunc: options.fetch,
    });
  } catch (error) {
    throw new ModelDownloadError(url, error instanceof Error ? error : new Error(String(error)));
  }
}
