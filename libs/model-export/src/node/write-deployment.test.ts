import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploymentManifest } from '../deployment-manifest';
import { TINY_SPEC, tinyDataset, trainTinyModel } from '../testing/tiny-model';
import { artifactAccuracy } from './artifact-accuracy';
import { writeDeployment, DEPLOYMENT_FILE } from './write-deployment';

describe('writeDeployment (tiny trained model, procedural data)', () => {
  const testSet = tinyDataset(300, 99);
  let dir: string;
  let manifest: DeploymentManifest;

  beforeAll(async () => {
    const weights = await trainTinyModel();
    dir = await mkdtemp(join(tmpdir(), 'edgefl-deploy-'));
    manifest = await writeDeployment(dir, {
      spec: TINY_SPEC,
      weights,
      testSet,
      testSetName: 'procedural',
      modelVersion: 3,
      round: 2,
    });
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the ten artifacts and deployment.json with their real sizes', async () => {
    expect((await readdir(dir)).sort()).toEqual(
      [
        'deployment.json',
        'model-sparse.efls',
        'model-sparse-int8.efls',
        'model-full-int8.tflite',
        'model-int8.onnx',
        'model-int8.tflite',
        'model.onnx',
        'model.tflite',
        'tfjs-float16',
        'tfjs-float32',
        'tfjs-uint8',
      ].sort(),
    );
    const onDisk = JSON.parse(await readFile(join(dir, DEPLOYMENT_FILE), 'utf8')) as DeploymentManifest;
    expect(onDisk).toEqual(manifest);
    expect(onDisk.model).toMatchObject({ spec: TINY_SPEC, modelVersion: 3, round: 2 });
    for (const artifact of onDisk.artifacts) {
      const sizes = await Promise.all(artifact.files.map(async (f) => (await stat(join(dir, f))).size));
      expect(artifact.bytes).toBe(sizes.reduce((a, b) => a + b, 0));
      expect(artifact.gzipBytes).toBeGreaterThan(0);
    }
  });

  it('the trained model is better than chance and the quantized artifacts stay within 2 points of float32', () => {
    const byName = new Map(manifest.artifacts.map((a) => [a.name, a.accuracy]));
    const accuracyOf = (name: string): number => {
      const accuracy = byName.get(name);
      if (accuracy === undefined) throw new Error(`the manifest lists no ${name}`);
      return accuracy;
    };
    const float = accuracyOf('tfjs-float32');
    expect(float).toBeGreaterThan(0.6);
    expect(byName.get('model.onnx')).toBe(float);
    expect(byName.get('model.tflite')).toBe(float);
    expect(byName.get('model-sparse.efls')).toBe(float);
    for (const name of [
      'model-sparse-int8.efls',
      'tfjs-float16',
      'tfjs-uint8',
      'model-int8.onnx',
      'model-int8.tflite',
      'model-full-int8.tflite',
    ]) {
      expect(Math.abs(accuracyOf(name) - float)).toBeLessThanOrEqual(0.02);
    }
  });

  it('every artifact, loaded again from its files by its runtime, reproduces the accuracy recorded', async () => {
    for (const artifact of manifest.artifacts) {
      const { accuracy } = await artifactAccuracy(dir, artifact, testSet);
      expect({ name: artifact.name, accuracy }).toEqual({ name: artifact.name, accuracy: artifact.accuracy });
    }
  });
});
