import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeProceduralDataset } from '@edgefl/datasets';
import type { DeploymentArtifact, DeploymentManifest } from '@edgefl/model-export';
import { writeDeployment } from '@edgefl/model-export/node';
import {
  buildArtifactPageBundle,
  serveArtifactPage,
  HARNESS_GLOBAL,
  type ArtifactPageServer,
  type BrowserArtifactHarness,
  type BrowserAccuracyRequest,
  type BrowserRuntime,
} from '@edgefl/model-export/browser-harness';
import { buildModel, getFlatWeights } from '@edgefl/models';
import type { ModelSpec } from '@edgefl/protocol';
import { trainLocally, useBackend } from '@edgefl/runtime';
import { launchChromium, watchErrors } from './support/headless-chromium';

const SPEC: ModelSpec = { kind: 'separable-cnn', inputShape: [12, 12, 1], widths: [8, 16], classes: 4 };
const data = (count: number, seed: number) =>
  makeProceduralDataset({ count, seed, shape: [12, 12, 1], classes: 4, noise: 0.15 });

/** The browser runtime that loads each artifact format. */
const BROWSER_RUNTIME_OF: Record<DeploymentArtifact['format'], BrowserRuntime> = {
  'tfjs-layers': 'tfjs-wasm',
  onnx: 'ort-wasm',
  tflite: 'tflite-wasm',
  sparse: 'tfjs-sparse-wasm',
};

describe('the deployment artifacts in Chromium', () => {
  const testSet = data(200, 99);
  let dir: string;
  let manifest: DeploymentManifest;
  let server: ArtifactPageServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await useBackend('wasm');
    const model = buildModel(SPEC, 7);
    await trainLocally(
      model,
      data(480, 1),
      { epochs: 6, batchSize: 16, learningRate: 0.005, optimizer: 'adam' },
      { seed: 3 },
    );
    const weights = getFlatWeights(model);
    model.dispose();
    dir = await mkdtemp(join(tmpdir(), 'edgefl-browser-export-'));
    manifest = await writeDeployment(dir, { spec: SPEC, weights, testSet, testSetName: 'procedural' });
    await writeFile(join(dir, 'test-images.f32'), testSet.images);
    await writeFile(join(dir, 'test-labels.u8'), testSet.labels);
    server = await serveArtifactPage(await buildArtifactPageBundle(), dir);
    browser = await launchChromium();
    page = await browser.newPage();
    errors = watchErrors(page);
    await page.goto(server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('learned something worth reproducing (every artifact above chance in Node)', () => {
    expect(manifest.artifacts).toHaveLength(10);
    for (const artifact of manifest.artifacts) expect(artifact.accuracy).toBeGreaterThan(0.5);
  });

  it.each([
    'tfjs-float32',
    'tfjs-float16',
    'tfjs-uint8',
    'model.onnx',
    'model-int8.onnx',
    'model.tflite',
    'model-int8.tflite',
    'model-full-int8.tflite',
    'model-sparse.efls',
    'model-sparse-int8.efls',
  ])('%s loads in its browser runtime and scores the accuracy deployment.json records', async (name) => {
    const artifact = manifest.artifacts.find((a) => a.name === name);
    if (!artifact) throw new Error(`deployment.json lists no ${name}`);
    const request: BrowserAccuracyRequest = {
      runtime: BROWSER_RUNTIME_OF[artifact.format],
      url: server.fileUrl(artifact.format === 'tfjs-layers' ? `${name}/model.json` : name),
      imageShape: SPEC.inputShape,
      imagesUrl: server.fileUrl('test-images.f32'),
      labelsUrl: server.fileUrl('test-labels.u8'),
      classes: SPEC.classes,
    };
    const result = await page.evaluate(
      ([global, r]) => (globalThis as unknown as Record<string, BrowserArtifactHarness>)[global].accuracy(r),
      [HARNESS_GLOBAL, request] as const,
    );
    expect(result).toEqual({ accuracy: artifact.accuracy, count: testSet.count });
    expect(errors).toEqual([]);
  });

  it('refuses a file that is not a model with the runtime’s own error', async () => {
    const request: BrowserAccuracyRequest = {
      runtime: 'tflite-wasm',
      url: server.fileUrl('test-labels.u8'),
      imageShape: SPEC.inputShape,
      imagesUrl: server.fileUrl('test-images.f32'),
      labelsUrl: server.fileUrl('test-labels.u8'),
      classes: SPEC.classes,
    };
    await expect(
      page.evaluate(
        ([global, r]) => (globalThis as unknown as Record<string, BrowserArtifactHarness>)[global].accuracy(r),
        [HARNESS_GLOBAL, request] as const,
      ),
    ).rejects.toThrow(/TFLite interpreter refused the model/);
  });
});
