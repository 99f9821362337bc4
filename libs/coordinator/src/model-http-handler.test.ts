import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { countParameters } from '@edgefl/models';
import { MODEL_VERSION_HEADER } from '@edgefl/protocol';
import type { ModelSpec } from '@edgefl/protocol';
import { SeededRandom } from '@edgefl/random';
import { Coordinator } from './coordinator';
import type { CoordinatorOptions } from './coordinator';
import { inRealmFetch } from './testing/in-realm-fetch';
import { roundRecordFixture } from '@edgefl/coordinator-store/testing';

const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 };
const PARAMETERS = countParameters(MODEL);

function weightsFor(seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: PARAMETERS }, () => rng.nextFloat() - 0.5);
}

/** A completed round that committed `version`. */
const record = (version: number): RoundRecord => roundRecordFixture(version, 'completed', version);

/** A coordinator on loopback whose store already holds versions 0..latest (no rounds are run). */
async function serveVersions(
  latest: number,
  options: Omit<CoordinatorOptions, 'config' | 'store'> = {},
): Promise<{ url: string; store: MemoryRoundStore; coordinator: Coordinator }> {
  const store = new MemoryRoundStore();
  await store.putInitialCheckpoint({ version: 0, weights: weightsFor(0), createdAt: 1_000 });
  for (let version = 1; version <= latest; version++)
    await store.commitRound(record(version), { version, weights: weightsFor(version), createdAt: 1_000 + version });
  const coordinator = new Coordinator({
    config: { secure: false, port: 0, host: '127.0.0.1', model: MODEL },
    store,
    ...options,
  });
  const { url } = await coordinator.listen();
  return { url, store, coordinator };
}

function littleEndianFloats(bytes: ArrayBuffer): Float32Array {
  const view = new DataView(bytes);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the model routes (/api/model)', () => {
  it('serves the latest version as a TF.js LayersModel that tf.loadLayersModel loads unchanged', async () => {
    const { url, coordinator } = await serveVersions(2);
    try {
      const response = await fetch(`${url}/api/model/model.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get(MODEL_VERSION_HEADER)).toBe('2');
      const json = (await response.json()) as {
        format: string;
        weightsManifest: Array<{ paths: string[]; weights: Array<{ name: string; shape: number[] }> }>;
        userDefinedMetadata: { edgefl: { modelVersion: number; runId: string } };
      };
      expect(json.format).toBe('layers-model');
      expect(json.weightsManifest).toHaveLength(1);
      expect(json.weightsManifest[0].paths).toEqual(['v/2/weights.bin']);
      expect(json.weightsManifest[0].weights.map((w) => w.name)[0]).toBe('block0_sepconv/depthwise_kernel');
      expect(json.userDefinedMetadata.edgefl).toMatchObject({ modelVersion: 2, runId: 'run', model: MODEL });

      const model = await tfl.loadLayersModel(`${url}/api/model/model.json`, { fetchFunc: inRealmFetch });
      const loaded = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      expect(Float32Array.from(loaded)).toEqual(weightsFor(2));
      expect(model.getUserDefinedMetadata()).toMatchObject({ edgefl: { modelVersion: 2 } });
      model.dispose();
    } finally {
      await coordinator.close();
    }
  });

  it('serves every committed version by number, little-endian float32 in weight order, and 404s the rest', async () => {
    const { url, coordinator } = await serveVersions(2);
    try {
      for (const version of [0, 1, 2]) {
        const json = await fetch(`${url}/api/model/v/${version}/model.json`);
        expect(json.headers.get(MODEL_VERSION_HEADER)).toBe(String(version));
        expect(
          ((await json.json()) as { weightsManifest: Array<{ paths: string[] }> }).weightsManifest[0].paths,
        ).toEqual(['weights.bin']);
        const weights = await fetch(`${url}/api/model/v/${version}/weights.bin`);
        expect(weights.status).toBe(200);
        expect(weights.headers.get('content-type')).toBe('application/octet-stream');
        expect(littleEndianFloats(await weights.arrayBuffer())).toEqual(weightsFor(version));
      }
      const missing = await fetch(`${url}/api/model/v/3/model.json`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: 'model version 3 is not committed' });
      for (const path of [
        '/api/model/v/01/model.json',
        '/api/model/v/-1/model.json',
        '/api/model/v/1/other.bin',
        '/api/model/weights.bin',
      ]) {
        expect((await fetch(`${url}${path}`)).status).toBe(404);
      }
      const post = await fetch(`${url}/api/model/model.json`, { method: 'POST' });
      expect(post.status).toBe(405);
      const head = await fetch(`${url}/api/model/v/1/weights.bin`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(PARAMETERS * 4));
      expect(head.headers.get(MODEL_VERSION_HEADER)).toBe('1');
      expect((await head.arrayBuffer()).byteLength).toBe(0);
    } finally {
      await coordinator.close();
    }
  });

  it('matches the frozen vector of docs/PROTOCOL.md section 13 (every weight 0.5: 343 times 0000003f)', async () => {
    const store = new MemoryRoundStore();
    await store.putInitialCheckpoint({ version: 0, weights: new Float32Array(PARAMETERS).fill(0.5), createdAt: 1_000 });
    const coordinator = new Coordinator({ config: { secure: false, port: 0, host: '127.0.0.1', model: MODEL }, store });
    const { url } = await coordinator.listen();
    try {
      const bytes = Buffer.from(await (await fetch(`${url}/api/model/v/0/weights.bin`)).arrayBuffer());
      expect(PARAMETERS).toBe(343);
      expect(bytes.toString('hex')).toBe('0000003f'.repeat(343));
      const json = (await (await fetch(`${url}/api/model/v/0/model.json`)).json()) as {
        generatedBy: string;
        modelTopology: { config: { layers: Array<{ name: string }> } };
      };
      expect(json.generatedBy).toBe('TensorFlow.js tfjs-layers v4.22.0');
      expect(json.modelTopology.config.layers.map((layer) => layer.name).slice(1)).toEqual([
        'block0_sepconv',
        'block0_pool',
        'flatten',
        'classifier',
      ]);
    } finally {
      await coordinator.close();
    }
  });

  it('answers 404 while no version is committed', async () => {
    const coordinator = new Coordinator({ config: { secure: false, port: 0, host: '127.0.0.1', model: MODEL } });
    const { url } = await coordinator.listen();
    try {
      const response = await fetch(`${url}/api/model/model.json`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'no model version is committed yet' });
    } finally {
      await coordinator.close();
    }
  });

  it('tags every answer with an ETag and answers 304 to If-None-Match; the latest tag changes with a new version', async () => {
    const { url, store, coordinator } = await serveVersions(1);
    try {
      const first = await fetch(`${url}/api/model/model.json`);
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^"json-latest-1-[0-9a-f]{32}"$/);
      const again = await fetch(`${url}/api/model/model.json`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get(MODEL_VERSION_HEADER)).toBe('1');
      expect(await again.text()).toBe('');
      // Weak and listed tags match too; another tag does not.
      expect(
        (await fetch(`${url}/api/model/model.json`, { headers: { 'if-none-match': `"x", W/${etag}` } })).status,
      ).toBe(304);
      expect((await fetch(`${url}/api/model/model.json`, { headers: { 'if-none-match': '"x"' } })).status).toBe(200);

      const weights = await fetch(`${url}/api/model/v/1/weights.bin`);
      const weightsTag = weights.headers.get('etag') as string;
      expect(weightsTag).not.toBe(etag);
      expect(
        (await fetch(`${url}/api/model/v/1/weights.bin`, { headers: { 'if-none-match': weightsTag } })).status,
      ).toBe(304);

      await store.commitRound(record(2), { version: 2, weights: weightsFor(2), createdAt: 1_002 });
      const next = await fetch(`${url}/api/model/model.json`, { headers: { 'if-none-match': etag } });
      expect(next.status).toBe(200);
      expect(next.headers.get(MODEL_VERSION_HEADER)).toBe('2');
      expect(next.headers.get('etag')).not.toBe(etag);
      // Version 1 did not change: its own tags still match.
      expect(
        (await fetch(`${url}/api/model/v/1/weights.bin`, { headers: { 'if-none-match': weightsTag } })).status,
      ).toBe(304);
    } finally {
      await coordinator.close();
    }
  });

  it('is public in open mode, with CORS for pages on other origins', async () => {
    const { url, coordinator } = await serveVersions(0);
    try {
      const response = await fetch(`${url}/api/model/model.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toContain(MODEL_VERSION_HEADER);
      const preflight = await fetch(`${url}/api/model/model.json`, { method: 'OPTIONS' });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    } finally {
      await coordinator.close();
    }
  });

  it('in token mode wants the enrollment token or the admin token, as a Bearer header or ?token=', async () => {
    const { url, coordinator } = await serveVersions(1, {
      enrollment: { mode: 'token', token: 'join-me' },
      access: { adminToken: 'admin-secret' },
    });
    try {
      const bare = await fetch(`${url}/api/model/model.json`);
      expect(bare.status).toBe(401);
      expect(bare.headers.get('www-authenticate')).toBe('Bearer realm="edgefl-model"');
      expect((await fetch(`${url}/api/model/v/1/weights.bin`)).status).toBe(401);
      expect((await fetch(`${url}/api/model/model.json`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
        401,
      );
      expect(
        (await fetch(`${url}/api/model/model.json`, { headers: { authorization: 'Bearer join-me' } })).status,
      ).toBe(200);
      expect(
        (await fetch(`${url}/api/model/model.json`, { headers: { authorization: 'Bearer admin-secret' } })).status,
      ).toBe(200);
      expect((await fetch(`${url}/api/model/v/1/weights.bin?token=join-me`)).status).toBe(200);
      // tfjs' loader sends the header to the weight file too.
      const model = await tfl.loadLayersModel(`${url}/api/model/model.json`, {
        requestInit: { headers: { authorization: 'Bearer join-me' } },
        fetchFunc: inRealmFetch,
      });
      expect(Float32Array.from(model.getWeights().flatMap((w) => Array.from(w.dataSync())))).toEqual(weightsFor(1));
      model.dispose();
    } finally {
      await coordinator.close();
    }
  });

  it('in allowlist mode wants the admin token, and is closed without one', async () => {
    const keys = [new Uint8Array(32).fill(7)];
    const withAdmin = await serveVersions(0, {
      enrollment: { mode: 'allowlist', keys },
      access: { adminToken: 'admin-secret' },
    });
    const without = await serveVersions(0, { enrollment: { mode: 'allowlist', keys } });
    try {
      expect((await fetch(`${withAdmin.url}/api/model/model.json`)).status).toBe(401);
      expect(
        (await fetch(`${withAdmin.url}/api/model/model.json`, { headers: { authorization: 'Bearer admin-secret' } }))
          .status,
      ).toBe(200);
      expect((await fetch(`${without.url}/api/model/model.json`)).status).toBe(401);
      expect((await fetch(`${without.url}/api/model/model.json?token=`)).status).toBe(401);
    } finally {
      await withAdmin.coordinator.close();
      await without.coordinator.close();
    }
  });
});
