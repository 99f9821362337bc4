import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederatedClient } from '@edgefl/client';
import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { CoordinatorConfigInput } from '@edgefl/coordinator';
import type { LocalDataset } from '@edgefl/runtime';
import { makeProceduralDataset } from '@edgefl/datasets';
import { kernelSegments, prunableKernelSegments } from '@edgefl/models';
import { decodeSparseArtifact, type DeploymentManifest } from '@edgefl/model-export';
import { loadTfjsFolder } from '@edgefl/model-export/node';
import { useBackend } from '@edgefl/runtime';
import { ConstantTrainer } from './support/constant-trainer';
import { SMALL_MODEL, startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

function zeroFractions(weights: Float32Array): number[] {
  return prunableKernelSegments(SMALL_MODEL).map(
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

  it('every committed version meets the schedule in every pruned kernel, evaluation sees the pruned model, uint8 keeps the zeros, the sparse file stores the kept weights only', async () => {
    const evaluated: Float32Array[] = [];
    const testSet = makeProceduralDataset({ count: 20, seed: 4, shape: [8, 8, 1], classes: 10 });
    const { coordinator, url, store } = await startCoordinator(
      {
        secure: false,
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
          const { length } = prunableKernelSegments(SMALL_MODEL)[k];
          expect(fraction).toBeGreaterThanOrEqual(Math.floor(expected[version - 1] * length) / length);
        }
        // The model evaluated after the round is the pruned one that was committed.
        expect(evaluated[version]).toEqual(weights);
      }
      // Biases are not pruned: the constant deltas moved every one of them away from 0.
      const last = (await store.checkpoint(3))!.weights;
      const biasStart = kernelSegments(SMALL_MODEL)[1].offset + kernelSegments(SMALL_MODEL)[1].length;
      expect(last[biasStart]).not.toBe(0);
      // Neither are the depthwise and the first pointwise kernels (9 + 2 weights, left dense).
      const [depthwise, pointwise] = kernelSegments(SMALL_MODEL);
      expect(last.subarray(depthwise.offset, pointwise.offset + pointwise.length).includes(0)).toBe(false);

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

      // The sparse file stores the committed model compactly: a 40-byte bitmap over the 320-weight
      // dense kernel and its 80 kept values, the other tensors dense (23 values), no pruned value.
      const sparse = await readFile(join(dir, 'v3', 'model-sparse.efls'));
      expect(Buffer.from(decodeSparseArtifact(sparse).weights.buffer).equals(Buffer.from(last.buffer))).toBe(true);
      const header = 12 + JSON.stringify(SMALL_MODEL).length;
      expect(sparse.length).toBe(header + 5 + 40 + 4 * (80 + 23));
      const manifest = JSON.parse(await readFile(join(dir, 'v3', 'deployment.json'), 'utf8')) as DeploymentManifest;
      const listed = manifest.artifacts.find((a) => a.name === 'model-sparse.efls');
      expect(listed).toMatchObject({ format: 'sparse', precision: 'float32', bytes: sparse.length });
      expect(listed?.accuracy).toBe(manifest.artifacts[0].accuracy);
    } finally {
      await coordinator.close();
    }
  });
});

/** A {@link ConstantTrainer} that records what each task brought: the mask and the starting weights. */
class RecordingTrainer implements LocalTrainer {
  readonly backend = 'constant';
  readonly tasks: Array<Pick<LocalTrainingTask, 'roundId' | 'mask' | 'weights'>> = [];
  private readonly inner: ConstantTrainer;

  constructor(value: number) {
    this.inner = new ConstantTrainer(value);
  }

  train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    this.tasks.push({ roundId: task.roundId, mask: task.mask, weights: task.weights.slice() });
    return this.inner.train(task, data);
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** Pruned-kernel coordinates at exactly 0, as a set of flat indices. */
function kernelZeros(weights: Float32Array): Set<number> {
  const zeros = new Set<number>();
  for (const { offset, length } of prunableKernelSegments(SMALL_MODEL))
    for (let i = offset; i < offset + length; i++) if (weights[i] === 0) zeros.add(i);
  return zeros;
}

// 2^-6: every client's delta is this constant, so the FedAvg mean is exactly it.
const DELTA = 1 / 64;
const P = 343;
// SMALL_MODEL's kernels hold 9, 2 and 320 weights; only the dense one (320) is pruned
// (prunableKernelSegments): at 0.65625, 210 pruned (133 kept); at 0.75, 240 pruned (103 kept).
const KEPT = [P, 133, 103];

/** Three rounds pruned to 0.65625 then 0.75, real clients over sockets; what every client sent and saw. */
async function prunedRun(clients: number, config: CoordinatorConfigInput) {
  const { coordinator, url, store } = await startCoordinator({
    secure: false,
    rounds: 3,
    clientsPerRound: clients,
    overSelection: 1,
    minReports: 2,
    roundTimeoutMs: 20_000,
    pruning: { sparsity: 0.75, startRound: 1, everyRounds: 1, steps: 2 },
    ...config,
  });
  const trainers = Array.from({ length: clients }, () => new RecordingTrainer(DELTA));
  const sent: Array<Array<{ roundId: string; bytes: number }>> = trainers.map(() => []);
  const errors: Error[] = [];
  try {
    const federated = trainers.map((trainer, i) => {
      const client = new FederatedClient({ url, data: tinyDataset(5), clientId: `m${i}`, trainer });
      client.on('update-sent', ({ roundId, bytes }) => sent[i].push({ roundId, bytes }));
      client.on('error', (error) => errors.push(error));
      return client;
    });
    const runs = federated.map((client) => client.run());
    expect(await coordinator.waitForClients(clients, 10_000)).toBe(true);
    const summary = await coordinator.run();
    await Promise.all(runs);
    const versions = await Promise.all(
      [0, 1, 2, 3].map(async (v) => {
        const checkpoint = await store.checkpoint(v);
        if (!checkpoint) throw new Error(`no checkpoint of version ${v}`);
        return checkpoint.weights;
      }),
    );
    return { summary, versions, trainers, sent, errors };
  } finally {
    await coordinator.close();
  }
}

/** The shared checks: the mask in each task is the previous version's kernel zeros, and the masks hold. */
function expectMasksHold(versions: Float32Array[], trainers: RecordingTrainer[]): void {
  for (const trainer of trainers) {
    expect(trainer.tasks).toHaveLength(3);
    expect(trainer.tasks[0].mask).toBeUndefined();
    for (const round of [2, 3]) {
      const { mask, weights } = trainer.tasks[round - 1];
      const zeros = kernelZeros(versions[round - 1]);
      expect(mask?.parameterCount).toBe(P);
      expect(mask?.keptIndices.length).toBe(KEPT[round - 1]);
      expect(mask?.keptIndices.every((i) => !zeros.has(i))).toBe(true);
      expect(zeros.size + KEPT[round - 1]).toBe(P);
      // The weights the trainer starts from are 0 wherever the mask prunes.
      zeros.forEach((i) => expect(weights[i]).toBe(0));
    }
  }
  // Masks hold: a coordinate pruned once is exactly 0 in every later version, in every kernel.
  for (const version of [2, 3]) {
    const now = kernelZeros(versions[version]);
    kernelZeros(versions[version - 1]).forEach((i) => expect(now.has(i)).toBe(true));
    for (const { offset, length } of prunableKernelSegments(SMALL_MODEL)) {
      const zeros = versions[version].subarray(offset, offset + length).filter((w) => w === 0).length;
      expect(zeros).toBeGreaterThanOrEqual(Math.floor(0.75 * length));
    }
  }
}

describe('the pruning mask travels with the task; updates carry the kept coordinates only', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('plain float32: uploads of 16 + 4 K bytes that decode exactly, masks hold through the rounds', async () => {
    const { summary, versions, trainers, sent, errors } = await prunedRun(2, {});
    expect(errors).toEqual([]);
    expect(summary.roundsCompleted).toBe(3);
    expectMasksHold(versions, trainers);
    for (const uploads of sent) expect(uploads.map((u) => u.bytes)).toEqual(KEPT.map((k) => 16 + 4 * k));
    // Exact decode: every coordinate kept in round r moved by exactly DELTA (or was pruned after it);
    // every coordinate pruned before it is still exactly 0.
    for (const round of [2, 3]) {
      const { mask } = trainers[0].tasks[round - 1];
      if (!mask) throw new Error(`round ${round}'s task carried no mask`);
      const before = versions[round - 1];
      const after = versions[round];
      const kept = new Set(mask.keptIndices);
      for (let i = 0; i < P; i++) {
        if (!kept.has(i)) expect(after[i]).toBe(0);
        else if (after[i] !== 0) expect(after[i]).toBe(Math.fround(before[i] + DELTA));
      }
    }
  });

  it('plain quantized: 16 + 12 ceil(K / C) + ceil(K B / 8) bytes per upload', async () => {
    const encoding = { kind: 'quantized', bits: 8, chunkSize: 64, errorFeedback: false } as const;
    const { summary, versions, trainers, sent, errors } = await prunedRun(2, { encoding });
    expect(errors).toEqual([]);
    expect(summary.roundsCompleted).toBe(3);
    expectMasksHold(versions, trainers);
    const expected = KEPT.map((k) => 16 + 12 * Math.ceil(k / 64) + k);
    expect(expected).toEqual([16 + 12 * 6 + 343, 16 + 12 * 3 + 133, 16 + 12 * 2 + 103]);
    for (const uploads of sent) expect(uploads.map((u) => u.bytes)).toEqual(expected);
  });

  it('secure: the SecAgg vector is K + 1 long, ceil((K + 1) m / 8) bytes per masked input', async () => {
    const secure = { range: 0.5, bits: 8, weightCap: 150, stageTimeoutMs: 30_000 };
    const { summary, versions, trainers, sent, errors } = await prunedRun(3, { secure });
    expect(errors).toEqual([]);
    expect(summary.roundsCompleted).toBe(3);
    expectMasksHold(versions, trainers);
    // m = bit length of 3 x 255 = 765: 10 bits.
    for (const uploads of sent)
      expect(uploads.map((u) => u.bytes)).toEqual(KEPT.map((k) => Math.ceil(((k + 1) * 10) / 8)));
  });

  it('secure with distributed DP: clients rotate and noise the K kept values (padded to a power of two >= K), masks hold', async () => {
    const secure = { range: 0.5, bits: 8, weightCap: 150, stageTimeoutMs: 30_000 };
    const dp = { clip: 1, noiseMultiplier: 0.5, delta: 1e-5 };
    const { summary, versions, trainers, sent, errors } = await prunedRun(6, { secure, dp });
    expect(errors).toEqual([]);
    expect(summary.roundsCompleted).toBe(3);
    expectMasksHold(versions, trainers);
    // 343 values pad to 512, 133 to 256 and 103 to 128: half and a quarter of the elements (m may differ by a bit or two).
    for (const uploads of sent) {
      const [dense, half, quarter] = uploads.map((u) => u.bytes);
      expect(half / dense).toBeLessThan(0.55);
      expect(quarter / dense).toBeLessThan(0.3);
    }
  });
});
