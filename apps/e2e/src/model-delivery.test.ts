import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import type { Browser } from 'playwright-core';
import { FederatedClient, ModelDownloadError, TfjsTrainer, generateIdentity } from '@edgefl/client';
import type { ClientRunSummary } from '@edgefl/client';
import { createModelEvaluator } from '@edgefl/coordinator';
import type { Coordinator } from '@edgefl/coordinator';
// In-process loaders read JSON in Jest's realm; the child process and the browser below use plain fetch.
import { inRealmFetch } from '@edgefl/coordinator/testing';
import { makeProceduralDataset } from '@edgefl/datasets';
import { buildModel, setFlatWeights } from '@edgefl/models';
import { MODEL_VERSION_HEADER } from '@edgefl/protocol';
import type { ModelSpec, RoundEndMessage, RunEndMessage } from '@edgefl/protocol';
import { initializeBackend } from '@edgefl/runtime/node';
import { ConstantTrainer } from './support/constant-trainer';
import { tinyDataset } from './support/tiny-dataset';
import { launchChromium, watchErrors } from './support/headless-chromium';
import { SMALL_MODEL, startCoordinator } from './support/start-coordinator';

const ROUNDS = 2;
const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [12, 12, 1], widths: [8], classes: 10 };
const TEST_SET = makeProceduralDataset({ count: 200, seed: 99, shape: [12, 12, 1], noise: 0.05 });
const TFJS = resolve(__dirname, '../../../node_modules/@tensorflow');
const CHILD = join(__dirname, 'support/predict-with-tfjs.cjs');

/** The model's outputs on the test set, as the coordinator computes them: its own model, the committed weights, the same backend. */
function referenceOutputs(weights: Float32Array): Float32Array {
  const model = buildModel(MODEL, 0);
  setFlatWeights(model, weights);
  const outputs = tf.tidy(
    () =>
      (
        model.predict(tf.tensor(TEST_SET.images, [TEST_SET.count, ...MODEL.inputShape])) as tf.Tensor
      ).dataSync() as Float32Array,
  );
  model.dispose();
  return outputs;
}

function accuracyOf(outputs: Float32Array): number {
  let correct = 0;
  for (let n = 0; n < TEST_SET.count; n++) {
    const row = Array.from(outputs.subarray(n * 10, (n + 1) * 10));
    if (row.indexOf(Math.max(...row)) === TEST_SET.labels[n]) correct++;
  }
  return correct / TEST_SET.count;
}

/** Bit patterns, so that equality means equal to the last bit (and NaN equals itself). */
function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

function fromBase64Floats(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

describe('the trained model reaches the app (GET /api/model, tf.loadLayersModel)', () => {
  let coordinator: Coordinator;
  let url: string;
  let finalWeights: Float32Array;
  let finalAccuracy: number;
  let initialAccuracy: number;
  let clients: FederatedClient[];
  let summaries: ClientRunSummary[];
  const roundEnds: RoundEndMessage[] = [];
  const runEnds: RunEndMessage[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'edgefl-model-'));

  beforeAll(async () => {
    // The pure-JS backend everywhere: the coordinator, the fresh process and the page compute alike.
    await initializeBackend({ backend: 'cpu' });
    ({ coordinator, url } = await startCoordinator(
      {
        secure: false,
        model: MODEL,
        rounds: ROUNDS,
        clientsPerRound: 2,
        overSelection: 1,
        minReports: 2,
        seed: 3,
        training: { epochs: 4, batchSize: 16, learningRate: 0.02, optimizer: 'adam' },
      },
      { evaluate: createModelEvaluator(MODEL, TEST_SET) },
    ));
    const evaluations: Array<{ modelVersion: number; accuracy: number }> = [];
    coordinator.on('evaluation', (evaluation) => evaluations.push(evaluation));
    clients = [1, 2].map(
      (seed) =>
        new FederatedClient({
          url,
          data: makeProceduralDataset({ count: 160, seed, shape: [12, 12, 1], noise: 0.05 }),
          clientId: `app-${seed}`,
          trainer: new TfjsTrainer(),
        }),
    );
    clients[0].on('round-end', (message) => roundEnds.push(message));
    clients[0].on('run-end', (message) => runEnds.push(message));
    const runs = clients.map((client) => client.run());
    expect(await coordinator.waitForClients(2, 10_000)).toBe(true);
    const summary = await coordinator.run();
    expect(summary).toMatchObject({ reason: 'completed', modelVersion: ROUNDS });
    summaries = await Promise.all(runs);
    finalWeights = summary.weights;
    const last = evaluations.find((e) => e.modelVersion === ROUNDS);
    if (!last) throw new Error('the coordinator did not evaluate the final model');
    finalAccuracy = last.accuracy;
    initialAccuracy = evaluations.find((e) => e.modelVersion === 0)?.accuracy ?? Number.NaN;
    writeFileSync(
      join(tmp, 'images.f32'),
      Buffer.from(TEST_SET.images.buffer, TEST_SET.images.byteOffset, TEST_SET.images.byteLength),
    );
  });

  afterAll(async () => {
    await coordinator?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('round-end and run-end name the new version and where its model.json is', () => {
    expect(roundEnds.map((m) => [m.outcome, m.modelVersion, m.modelUrl])).toEqual([
      ['completed', 1, '/api/model/v/1/model.json'],
      ['completed', 2, '/api/model/v/2/model.json'],
    ]);
    expect(runEnds).toEqual([
      expect.objectContaining({ reason: 'completed', modelVersion: ROUNDS, modelUrl: '/api/model/v/2/model.json' }),
    ]);
    expect(summaries.map((s) => [s.reason, s.modelVersion])).toEqual([
      ['completed', ROUNDS],
      ['completed', ROUNDS],
    ]);
  });

  it("a fresh Node process loads it with tfjs alone: its outputs equal the coordinator's to the last bit, and so does the accuracy", async () => {
    // The model really learned (measured: 11% -> 39%): equal outputs then mean more than equal noise.
    expect(finalAccuracy).toBeGreaterThan(initialAccuracy + 0.1);
    const reference = referenceOutputs(finalWeights);
    expect(accuracyOf(reference)).toBe(finalAccuracy);
    for (const path of ['/api/model/model.json', `/api/model/v/${ROUNDS}/model.json`]) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [CHILD, `${url}${path}`, join(tmp, 'images.f32'), JSON.stringify([TEST_SET.count, ...MODEL.inputShape])],
        {
          cwd: tmp,
          env: { PATH: process.env.PATH ?? '', NODE_PATH: resolve(TFJS, '..') },
        },
      );
      const result = JSON.parse(stdout) as {
        backend: string;
        metadata: { edgefl: { modelVersion: number } };
        outputShape: number[];
        outputs: string;
      };
      expect(result.backend).toBe('cpu');
      expect(result.metadata.edgefl.modelVersion).toBe(ROUNDS);
      expect(result.outputShape).toEqual([TEST_SET.count, 10]);
      const outputs = fromBase64Floats(result.outputs);
      expect(bits(outputs)).toEqual(bits(reference));
      expect(accuracyOf(outputs)).toBe(finalAccuracy);
    }
  });

  it('client.loadModel() returns the latest committed version, ready to predict', async () => {
    const model = await clients[0].loadModel({ fetch: inRealmFetch });
    const older = await clients[0].loadModel({ version: 1, fetch: inRealmFetch });
    try {
      expect(model.getUserDefinedMetadata()).toMatchObject({ edgefl: { modelVersion: ROUNDS, runId: 'run' } });
      expect(older.getUserDefinedMetadata()).toMatchObject({ edgefl: { modelVersion: 1 } });
      const outputs = tf.tidy(
        () =>
          (
            model.predict(tf.tensor(TEST_SET.images, [TEST_SET.count, ...MODEL.inputShape])) as tf.Tensor
          ).dataSync() as Float32Array,
      );
      expect(bits(outputs)).toEqual(bits(referenceOutputs(finalWeights)));
    } finally {
      model.dispose();
      older.dispose();
    }
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let site: Server;
    let siteUrl: string;

    beforeAll(async () => {
      browser = await launchChromium();
      // The app's page lives on another origin than the coordinator, as it would in production.
      site = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><title>an app</title>');
      });
      await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
      siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    });

    afterAll(async () => {
      await browser?.close();
      await new Promise((done) => site?.close(done));
    });

    it('a page loads it with tf.loadLayersModel (tfjs script tags, cpu backend): same outputs to the last bit, same accuracy', async () => {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      try {
        await page.goto(siteUrl);
        for (const file of [
          'tfjs-core/dist/tf-core.min.js',
          'tfjs-backend-cpu/dist/tf-backend-cpu.min.js',
          'tfjs-layers/dist/tf-layers.min.js',
        ]) {
          await page.addScriptTag({ path: join(TFJS, file) });
        }
        const result = await page.evaluate(
          async ({ modelUrl, images, shape }) => {
            const tfjs = (
              window as unknown as {
                tf: typeof import('@tensorflow/tfjs-core') & typeof import('@tensorflow/tfjs-layers');
              }
            ).tf;
            await tfjs.setBackend('cpu');
            const response = await fetch(modelUrl);
            const model = await tfjs.loadLayersModel(modelUrl);
            const output = model.predict(tfjs.tensor(images, shape)) as import('@tensorflow/tfjs-core').Tensor;
            const values = output.dataSync() as Float32Array;
            return {
              backend: tfjs.getBackend(),
              header: response.headers.get('x-edgefl-model-version'),
              metadata: model.getUserDefinedMetadata(),
              bits: Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length)),
            };
          },
          {
            modelUrl: `${url}/api/model/model.json`,
            images: Array.from(TEST_SET.images),
            shape: [TEST_SET.count, ...MODEL.inputShape],
          },
        );
        expect(result.backend).toBe('cpu');
        expect(result.header).toBe(String(ROUNDS));
        expect(MODEL_VERSION_HEADER).toBe('x-edgefl-model-version');
        expect(result.metadata).toMatchObject({ edgefl: { modelVersion: ROUNDS } });
        const outputs = new Float32Array(Uint32Array.from(result.bits).buffer);
        expect(bits(outputs)).toEqual(bits(referenceOutputs(finalWeights)));
        expect(accuracyOf(outputs)).toBe(finalAccuracy);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
});

describe('model access from the SDK follows the enrollment mode', () => {
  beforeAll(async () => {
    await initializeBackend({ backend: 'cpu' });
  });

  /** A coordinator whose store already holds version 0 (0.25 everywhere), in the given mode. */
  async function withInitialModel(
    options: Parameters<typeof startCoordinator>[1],
  ): Promise<{ coordinator: Coordinator; url: string }> {
    const started = await startCoordinator({ secure: false, model: SMALL_MODEL }, options);
    await started.store.putInitialCheckpoint({ version: 0, weights: new Float32Array(343).fill(0.25), createdAt: 1 });
    return started;
  }

  function weightsOf(model: { getWeights(): Array<{ dataSync(): ArrayLike<number> }> }): number[] {
    return model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  }

  it('token mode: the client sends its enrollment token; without it the download is refused (ModelDownloadError)', async () => {
    const { coordinator, url } = await withInitialModel({ enrollment: { mode: 'token', token: 'join-me' } });
    try {
      const member = new FederatedClient({
        url,
        data: tinyDataset(4),
        token: 'join-me',
        trainer: new ConstantTrainer(0),
      });
      const model = await member.loadModel({ fetch: inRealmFetch });
      expect(weightsOf(model)).toEqual(new Array(343).fill(0.25));
      model.dispose();
      const stranger = new FederatedClient({ url, data: tinyDataset(4), trainer: new ConstantTrainer(0) });
      const refused = await stranger.loadModel({ fetch: inRealmFetch }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ModelDownloadError);
      expect((refused as Error).message).toContain('401');
    } finally {
      await coordinator.close();
    }
  });

  it('allowlist mode: a welcomed client downloads with the token the coordinator handed it at welcome', async () => {
    const identity = generateIdentity();
    const { coordinator, url } = await withInitialModel({
      enrollment: { mode: 'allowlist', keys: [identity.publicKey] },
    });
    const client = new FederatedClient({ url, data: tinyDataset(4), identity, trainer: new ConstantTrainer(0) });
    try {
      // Not welcomed yet: no token, refused.
      await expect(client.loadModel({ fetch: inRealmFetch })).rejects.toBeInstanceOf(ModelDownloadError);
      const run = client.run();
      await new Promise<void>((done) => client.on('connected', () => done()));
      const model = await client.loadModel({ fetch: inRealmFetch });
      expect(model.getUserDefinedMetadata()).toMatchObject({ edgefl: { modelVersion: 0 } });
      model.dispose();
      // The route itself stays closed to anyone without a token.
      expect((await fetch(`${url}/api/model/model.json`)).status).toBe(401);
      await client.stop();
      await run;
    } finally {
      await client.stop();
      await coordinator.close();
    }
  });
});
