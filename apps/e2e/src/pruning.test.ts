import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederatedClient } from '@edgefl/client';
import { makeProceduralDataset } from '@edgefl/datasets';
import { kernelSegments } from '@edgefl/models';
import { loadTfjsFolder } from '@edgefl/model-export/node';
import { useBackend } from '@edgefl/runtime';
import { ConstantTrainer } from './support/constant-trainer';
import { SMALL_MODEL, startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

function zeroFractions(weights: Float32Array): number[] {
  return kernelSegments(SMALL_MODEL).map(
    ({ offset, length }) => weights.subarray(offset, offset + length).filter((w) => w === 0).length / length,
  );
}

describe('gradual magnitude pruning of the global model', () => {
  let dir: string;
  beforeAll(async () => {
    await useBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'edgefl-prune-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('every committed version meets the schedule in every kernel, evaluation sees the pruned model, uint8 keeps the zeros', async () => {
    const evaluated: Float32Array[] = [];
    const testSet = makeProceduralDataset({ count: 20, seed: 4, shape: [8, 8, 1], classes: 10 });
    const { coordinator, url, store } = await startCoordinator(
      {
        rounds: 3,
        clientsPerRound: 2,
        overSelection: 1,
        minReports: 2,
        pruning: { sparsity: 0.75, startRound: 1, everyRounds: 1, steps: 2 },
      },
      {
        evaluate: async (weights) => {
          evaluated.push(weights);
          return { loss: 0, accuracy: 0 };
        },
        artifacts: { dir, testSet, testSetName: 'procedural' },
      },
    );
    try {
      const clients = [0, 1].map(
        (i) =>
          new FederatedClient({
            url,
            data: tinyDataset(5),
            clientId: `p${i}`,
            trainer: new ConstantTrainer(0.01 * (i + 1)),
          }),
      );
      const runs = clients.map((client) => client.run());
      expect(await coordinator.waitForClients(2, 10_000)).toBe(true);
      await coordinator.run();
      await Promise.all(runs);
      const initial = (await store.checkpoint(0))!.weights;
      expect(Math.max(...zeroFractions(initial))).toBe(0);
      // Round 1: 0.75 * (1 - (1 - 1/2)^3) = 0.65625; rounds 2 and 3: 0.75. Every kernel, exact zeros.
      const expected = [0.65625, 0.75, 0.75];
      for (const version of [1, 2, 3]) {
        const weights = (await store.checkpoint(version))!.weights;
        for (const [k, fraction] of zeroFractions(weights).entries()) {
          const { length } = kernelSegments(SMALL_MODEL)[k];
          expect(fraction).toBeGreaterThanOrEqual(Math.floor(expected[version - 1] * length) / length);
        }
        // The model evaluated after the round is the pruned one that was committed.
        expect(evaluated[version]).toEqual(weights);
      }
      // Biases are not pruned: the constant deltas moved every one of them away from 0.
      const last = (await store.checkpoint(3))!.weights;
      const biasStart = kernelSegments(SMALL_MODEL)[1].offset + kernelSegments(SMALL_MODEL)[1].length;
      expect(last[biasStart]).not.toBe(0);

      const model = await loadTfjsFolder(join(dir, 'v3', 'tfjs-uint8'));
      const loaded = model.getWeights().map((w) => w.dataSync() as Float32Array);
      model.dispose();
      const flat = new Float32Array(loaded.reduce((n, w) => n + w.length, 0));
      let offset = 0;
      for (const w of loaded) {
        flat.set(w, offset);
        offset += w.length;
      }
      const lastFractions = zeroFractions(last);
      zeroFractions(flat).forEach((fraction, k) => expect(fraction).toBeGreaterThanOrEqual(lastFractions[k]));
    } finally {
      await coordinator.close();
    }
  });
});
