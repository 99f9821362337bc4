import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederatedClient } from '@edgefl/client';
import { makeProceduralDataset } from '@edgefl/datasets';
import type { DeploymentManifest } from '@edgefl/model-export';
import { artifactAccuracy, loadTfliteRunner } from '@edgefl/model-export/node';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

describe('coordinator model export', () => {
  const testSet = makeProceduralDataset({ count: 60, seed: 4, shape: [8, 8, 1], classes: 10 });
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgefl-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the artifacts of the last committed version when the run ends, and any version on demand', async () => {
    const { coordinator, url, store } = await startCoordinator(
      { secure: false, rounds: 2, clientsPerRound: 2, overSelection: 1, minReports: 2 },
      { artifacts: { dir, testSet, testSetName: 'procedural' } },
    );
    const exported: Array<{ modelVersion: number; dir: string }> = [];
    coordinator.on('model-exported', (info) => exported.push(info));
    try {
      const clients = [0, 1].map(
        (i) =>
          new FederatedClient({
            url,
            data: tinyDataset(5),
            clientId: `c${i}`,
            trainer: new ConstantTrainer(0.01 * (i + 1)),
          }),
      );
      const runs = clients.map((client) => client.run());
      expect(await coordinator.waitForClients(2, 10_000)).toBe(true);
      const summary = await coordinator.run();
      await Promise.all(runs);
      expect(summary.modelVersion).toBe(2);
      expect(exported).toEqual([{ modelVersion: 2, dir: join(dir, 'v2') }]);

      const manifest = JSON.parse(await readFile(join(dir, 'v2', 'deployment.json'), 'utf8')) as DeploymentManifest;
      expect(manifest.model.modelVersion).toBe(2);
      expect(manifest.testSet).toEqual({ count: 60, name: 'procedural' });
      expect(manifest.artifacts.map((a) => a.name)).toEqual([
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
      ]);
      // The written TFLite file is the committed model: it reloads and scores what was recorded.
      const tflite = manifest.artifacts.find((a) => a.name === 'model.tflite')!;
      expect((await artifactAccuracy(join(dir, 'v2'), tflite, testSet)).accuracy).toBe(tflite.accuracy);
      const runner = await loadTfliteRunner(await readFile(join(dir, 'v2', 'model.tflite')));
      expect(runner.inputShape).toEqual([1, 8, 8, 1]);
      runner.dispose();
      expect((await store.latestCheckpoint())!.version).toBe(2);

      const first = await coordinator.exportModel(1);
      expect(first.dir).toBe(join(dir, 'v1'));
      expect(first.manifest.model.modelVersion).toBe(1);
      // Asked again, the same write is returned (no second export).
      expect(await coordinator.exportModel(1)).toBe(first);
      await expect(coordinator.exportModel(7)).rejects.toThrow(/model version 7 was never committed/);
      await expect(coordinator.exportModel(-1)).rejects.toThrow(RangeError);
      expect(coordinator.status().modelVersion).toBe(2);
    } finally {
      await coordinator.close();
    }
  });

  it('refuses an export when no artifacts dir was configured', async () => {
    const { coordinator } = await startCoordinator({ secure: false, rounds: 1 });
    try {
      await expect(coordinator.exportModel()).rejects.toThrow(/no artifacts dir configured/);
    } finally {
      await coordinator.close();
    }
  });
});
