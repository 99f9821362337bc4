import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ModelCheckpoint, RoundStore } from '@edgefl/coordinator-store';
import { MODEL_ROUTES, MODEL_VERSION_HEADER } from '@edgefl/protocol';
import type { ModelSpec } from '@edgefl/protocol';
import type { CoordinatorLogger } from './coordinator-logger';
import { createLayersModelTemplate } from './layers-model-template';
import type { LayersModelTemplate } from './layers-model-template';
import { modelAccessAllows } from './model-access';
import type { ModelAccess } from './model-access';

/** The name of every version's single weight file, next to its `model.json`. */
export const MODEL_WEIGHTS_FILE = 'weights.bin';

/** How {@link createModelHttpHandler} finds and describes the model. */
export interface ModelHttpHandlerOptions {
  /** Where the committed versions live (the coordinator's RoundStore). */
  store: Pick<RoundStore, 'latestCheckpoint' | 'checkpoint'>;
  /** The model's architecture (the coordinator's `config.model`). */
  model: ModelSpec;
  runId: string;
  access: ModelAccess;
  logger?: CoordinatorLogger;
}

type ModelRoute = { kind: 'json'; version: number | 'latest' } | { kind: 'weights'; version: number };

/** One committed version, encoded once. */
interface EncodedVersion {
  version: number;
  createdAt: number;
  /** Hex SHA-256 of the weight file: the ETags are built on it. */
  digest: string;
  weights: Buffer;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': `etag, ${MODEL_VERSION_HEADER}`,
};
const VERSION_ROUTE = /^\/api\/model\/v\/(0|[1-9][0-9]{0,14})\/(model\.json|weights\.bin)$/;

/**
 * Serves the global model in the TensorFlow.js LayersModel format, so that
 * `tf.loadLayersModel(coordinatorUrl + '/api/model/model.json')` works unchanged in Node and in
 * browsers (docs/PROTOCOL.md section 12):
 * - `GET /api/model/model.json`: the latest committed version (its weight path names the version,
 *   so a round committing in between cannot mix two versions);
 * - `GET /api/model/v/<N>/model.json` and `/api/model/v/<N>/weights.bin`: version N, from the store.
 * Every answer names the version (`x-edgefl-model-version`, and `userDefinedMetadata.edgefl` in the
 * JSON) and carries an ETag (`If-None-Match` gets 304); CORS is open so pages on other origins can
 * load it; `access` decides who may read (401 otherwise).
 *
 * @example
 * coordinator.addHttpHandler(createModelHttpHandler({ store, model: DEFAULT_MODEL_SPEC, runId: 'run', access: { kind: 'public' } }));
 */
export function createModelHttpHandler(
  options: ModelHttpHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  const { store, model, runId, access, logger } = options;
  let template: Promise<LayersModelTemplate> | undefined;
  // The latest two versions stay encoded: the one clients fetch now and the one before it.
  const encoded = new Map<number, EncodedVersion>();

  const encode = (checkpoint: ModelCheckpoint, parameterCount: number): EncodedVersion => {
    const cached = encoded.get(checkpoint.version);
    if (cached && cached.createdAt === checkpoint.createdAt) return cached;
    if (checkpoint.weights.length !== parameterCount) {
      throw new Error(
        `model version ${checkpoint.version} holds ${checkpoint.weights.length} weights, the configured model has ${parameterCount}`,
      );
    }
    const weights = Buffer.alloc(checkpoint.weights.length * 4);
    for (let i = 0; i < checkpoint.weights.length; i++) weights.writeFloatLE(checkpoint.weights[i], i * 4);
    const entry = {
      version: checkpoint.version,
      createdAt: checkpoint.createdAt,
      digest: createHash('sha256').update(weights).digest('hex').slice(0, 32),
      weights,
    };
    encoded.set(entry.version, entry);
    for (const version of [...encoded.keys()].sort((a, b) => a - b).slice(0, -2)) encoded.delete(version);
    return entry;
  };

  const answer = async (request: IncomingMessage, response: ServerResponse, route: ModelRoute): Promise<void> => {
    const checkpoint =
      route.version === 'latest' ? await store.latestCheckpoint() : await store.checkpoint(route.version);
    if (!checkpoint) {
      const what =
        route.version === 'latest'
          ? 'no model version is committed yet'
          : `model version ${route.version} is not committed`;
      sendJson(response, 404, { error: what });
      return;
    }
    template ??= createLayersModelTemplate(model);
    const layers = await template;
    const version = encode(checkpoint, layers.parameterCount);
    const etag = `"${route.kind}-${route.version === 'latest' ? 'latest' : 'v'}-${version.version}-${version.digest}"`;
    const headers: Record<string, string | number> = {
      ...CORS_HEADERS,
      etag,
      [MODEL_VERSION_HEADER]: version.version,
      // Revalidate every time: a restarted coordinator with a fresh store may reuse a version number.
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    if (etagMatches(request.headers['if-none-match'], etag)) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    let body: Buffer;
    if (route.kind === 'weights') {
      body = version.weights;
      headers['content-type'] = 'application/octet-stream';
    } else {
      const weightsPath =
        route.version === 'latest' ? `v/${version.version}/${MODEL_WEIGHTS_FILE}` : MODEL_WEIGHTS_FILE;
      body = Buffer.from(
        JSON.stringify(
          layersModelJson(layers, weightsPath, {
            modelVersion: version.version,
            runId,
            createdAt: checkpoint.createdAt,
            model,
          }),
        ),
        'utf8',
      );
      headers['content-type'] = 'application/json';
    }
    headers['content-length'] = body.length;
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  return (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = parseModelRoute(pathname);
    if (!route) return false;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...CORS_HEADERS,
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-allow-headers': 'authorization, if-none-match',
        'access-control-max-age': '600',
      });
      response.end();
      return true;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(
        response,
        405,
        { error: `${String(request.method)} is not allowed here: use GET` },
        { allow: 'GET, HEAD, OPTIONS' },
      );
      return true;
    }
    if (!modelAccessAllows(access, request)) {
      sendJson(
        response,
        401,
        { error: 'unauthorized: send Authorization: Bearer <token> (the enrollment token or the admin token)' },
        { 'www-authenticate': 'Bearer realm="edgefl-model"' },
      );
      return true;
    }
    answer(request, response, route).catch((error: unknown) => {
      logger?.error({ err: String(error), path: pathname }, 'model download failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'the model could not be served' });
      else response.destroy();
    });
    return true;
  };
}

/** The route a model path names, or undefined for any other path. */
function parseModelRoute(pathname: string): ModelRoute | undefined {
  if (pathname === MODEL_ROUTES.latest) return { kind: 'json', version: 'latest' };
  const match = VERSION_ROUTE.exec(pathname);
  if (!match) return undefined;
  const version = Number(match[1]);
  return match[2] === 'model.json' ? { kind: 'json', version } : { kind: 'weights', version };
}

/** model.json as tfjs' `io.http` reads it: topology, one weight group, and EdgeFL's own metadata. */
function layersModelJson(
  layers: LayersModelTemplate,
  weightsPath: string,
  edgefl: { modelVersion: number; runId: string; createdAt: number; model: ModelSpec },
): object {
  return {
    format: layers.format,
    generatedBy: layers.generatedBy,
    convertedBy: null,
    modelTopology: layers.modelTopology,
    weightsManifest: [{ paths: [weightsPath], weights: layers.weightSpecs }],
    userDefinedMetadata: { edgefl },
  };
}

/** RFC 9110 If-None-Match for GET/HEAD: `*`, or any listed tag equal under the weak comparison. */
function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const listed = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''));
  return listed.some((tag) => tag === '*' || tag === etag);
}

function sendJson(response: ServerResponse, status: number, body: object, extra: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  response.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json',
    'content-length': bytes.length,
    'cache-control': 'no-store',
    ...extra,
  });
  response.end(bytes);
}
