import { FederatedClient } from '@edgefl/client';
import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { AggregatorConfig } from '@edgefl/aggregation';
import type { LocalDataset } from '@edgefl/runtime';
import { ConstantTrainer } from '../support/constant-trainer';
import { startCoordinator } from '../support/start-coordinator';
import { tinyDataset } from '../support/tiny-dataset';

/** The server's bounds in this test: every update is clipped to L2 norm C and weighs at most S samples. */
const C = 1;
const S = 100;
const HONEST_VALUES = [0.01, 0.02, 0.03, 0.04];
const HONEST_SAMPLES = [10, 20, 30, 40];

type Attack = { name: string; delta: (task: LocalTrainingTask) => Float32Array; numSamples: number };

const ATTACKS: Attack[] = [
  // Model replacement: a delta that takes the global model to the attacker's target, with a sample
  // count that drowns every honest report in FedAvg's weighted mean.
  {
    name: 'target replacement',
    delta: (task) => Float32Array.from(task.weights, (w) => 7 - w),
    numSamples: 2 ** 53 - 1,
  },
  {
    name: '1e30 delta, numSamples 8',
    delta: (task) => new Float32Array(task.weights.length).fill(1e30),
    numSamples: 8,
  },
  { name: '3.4e38 values', delta: (task) => new Float32Array(task.weights.length).fill(3.4e38), numSamples: 40 },
];

class AttackTrainer implements LocalTrainer {
  readonly backend = 'attack';
  constructor(private readonly attack: Attack) {}

  async train(task: LocalTrainingTask, _data: LocalDataset): Promise<LocalTrainingResult> {
    return { delta: this.attack.delta(task), numSamples: this.attack.numSamples, metrics: { loss: 1, accuracy: 0.5 } };
  }

  dispose(): void {
    // Holds nothing.
  }
}

/** One plain float32 round with 4 honest clients and 1 attacker, over real sockets: the global model's change. */
async function attackedRound(aggregator: AggregatorConfig, attack: Attack): Promise<Float64Array> {
  const { coordinator, url, store } = await startCoordinator({
    secure: false,
    rounds: 1,
    clientsPerRound: 5,
    overSelection: 1,
    minReports: 5,
    roundTimeoutMs: 30_000,
    defence: { aggregator, maxUpdateNorm: C, sampleCap: S },
  });
  const clients = [
    ...HONEST_VALUES.map(
      (value, i) =>
        new FederatedClient({
          url,
          data: tinyDataset(HONEST_SAMPLES[i]),
          clientId: `honest-${i}`,
          trainer: new ConstantTrainer(value),
        }),
    ),
    new FederatedClient({ url, data: tinyDataset(1), clientId: 'attacker', trainer: new AttackTrainer(attack) }),
  ];
  try {
    const runs = clients.map((client) => client.run());
    expect(await coordinator.waitForClients(5, 10_000)).toBe(true);
    const summary = await coordinator.run();
    expect(summary).toMatchObject({ reason: 'completed', modelVersion: 1 });
    await Promise.all(runs);
    const before = (await store.checkpoint(0))!.weights;
    const after = (await store.checkpoint(1))!.weights;
    return Float64Array.from(after, (w, i) => w - before[i]);
  } finally {
    for (const client of clients) client.stop();
    await coordinator.close(0);
  }
}

const l2 = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((acc, x) => acc + x * x, 0));
const distance = (change: Float64Array, value: number): number => l2(Array.from(change, (x) => x - value));
/** float32 rounding of w0 + delta, with w0 of the initial model (|w| < 1). */
const EPS = 1e-6;

describe('hostile network, item 4: one attacker moves the global model by at most the documented bound', () => {
  describe.each(ATTACKS)('attack: $name', (attack) => {
    it('fedavg: at most 2 C S / (S + W_honest) from the honest weighted mean', async () => {
      const change = await attackedRound({ kind: 'fedavg' }, attack);
      const honestTotal = HONEST_SAMPLES.reduce((a, b) => a + b, 0);
      const honestMean = HONEST_VALUES.reduce((acc, value, i) => acc + value * HONEST_SAMPLES[i], 0) / honestTotal;
      expect(distance(change, honestMean)).toBeLessThanOrEqual(
        (2 * C * S) / (S + honestTotal) + EPS * Math.sqrt(change.length),
      );
    });

    it('median: every coordinate within the honest range', async () => {
      const change = await attackedRound({ kind: 'median' }, attack);
      for (const x of change) {
        expect(x).toBeGreaterThanOrEqual(Math.min(...HONEST_VALUES) - EPS);
        expect(x).toBeLessThanOrEqual(Math.max(...HONEST_VALUES) + EPS);
      }
    });

    it('trimmed mean (trim 0.2 of 5: one cut at each end): every coordinate within the honest range', async () => {
      const change = await attackedRound({ kind: 'trimmed-mean', trim: 0.2 }, attack);
      for (const x of change) {
        expect(x).toBeGreaterThanOrEqual(Math.min(...HONEST_VALUES) - EPS);
        expect(x).toBeLessThanOrEqual(Math.max(...HONEST_VALUES) + EPS);
      }
    });

    it('multi-Krum (f = 1, m = 4): at most 2 C / m from the honest mean', async () => {
      const change = await attackedRound({ kind: 'multi-krum', byzantine: 1 }, attack);
      const honestMean = HONEST_VALUES.reduce((a, b) => a + b, 0) / HONEST_VALUES.length;
      expect(distance(change, honestMean)).toBeLessThanOrEqual((2 * C) / 4 + EPS * Math.sqrt(change.length));
    });
  });
});
