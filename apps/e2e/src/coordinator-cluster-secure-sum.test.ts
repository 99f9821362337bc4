import { FederatedClient, generateIdentity } from '@edgefl/client';
import { FedAvgStrategy } from '@edgefl/aggregation';
import { RedisRoundStore } from '@edgefl/coordinator-store/node';
import { RoundStage } from '@edgefl/protocol';
import { decodeLevelSum, fixedRangeLevels } from '@edgefl/quantization';
import { ConstantTrainer } from './support/constant-trainer';
import { CoordinatorCluster } from './support/coordinator-cluster';
import { CoordinatorProcess } from './support/coordinator-restart';
import { plainSecureInput, sumVectors } from './support/secure-expectation';
import { tinyDataset } from './support/tiny-dataset';

const CLIENTS = 30;
const ROUNDS = 2;
const SECURE = { bits: 8, range: 0.05, weightCap: 100 };

/** Client i's constant delta and sample count: every client's input differs. */
const valueOf = (i: number): number => (i - 14) / 256;
const samplesOf = (i: number): number => 5 + ((i * 7) % 23);

describe('secure rounds of 30 clients spread over three coordinator nodes on one Redis', () => {
  const cluster = new CoordinatorCluster();
  const clients: FederatedClient[] = [];

  beforeEach(() => cluster.start('cluster-secure-sum'));
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
    await cluster.stop();
  });

  it("every committed model is the FedAvg step of the exact sum of the survivors' quantized inputs, computed without SecAgg", async () => {
    for (let i = 0; i < 3; i++) {
      const node = new CoordinatorProcess([
        ...['--port', '0', '--redis', cluster.redis.url, '--node-id', `node-${i}`, '--log-level', 'info'],
        ...['--eval-dataset', 'none', '--input-size', '8', '--widths', '2'],
        ...['--rounds', String(ROUNDS), '--per-round', String(CLIENTS), '--over-selection', '1'],
        ...['--min-reports', String(CLIENTS - 3), '--wait-for-clients', String(CLIENTS)],
        ...['--round-timeout', '120000', '--stage-timeout', '60000'],
        ...['--secure', '--bits', String(SECURE.bits), '--clip-range', String(SECURE.range)],
        ...['--weight-cap', String(SECURE.weightCap)],
      ]);
      cluster.nodes.push(node);
      cluster.ports.push(await node.ready);
    }
    const roundSeed = new Map<string, number>();
    const maskedInputs = new Map<string, Set<number>>();
    const errors: Error[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = new FederatedClient({
        url: `http://127.0.0.1:${cluster.ports[i % 3]}`,
        data: tinyDataset(samplesOf(i)),
        clientId: `secure-${i}`,
        identity: generateIdentity(),
        trainer: new ConstantTrainer(valueOf(i)),
      });
      client.on('round-start', ({ roundId, seed }) => roundSeed.set(roundId, seed));
      client.on('secure-stage', ({ roundId, stage }) => {
        if (stage !== RoundStage.MaskedInput) return;
        maskedInputs.set(roundId, (maskedInputs.get(roundId) ?? new Set()).add(i));
      });
      client.on('error', (error) => errors.push(error));
      clients.push(client);
    }
    const summaries = await Promise.all(clients.map((client) => client.run()));
    expect({ reasons: [...new Set(summaries.map((s) => s.reason))], errors: errors.map((e) => e.message) }).toEqual({
      reasons: ['completed'],
      errors: [],
    });

    const store = await RedisRoundStore.connect(cluster.redis.url);
    try {
      const completed = (await store.rounds()).filter((record) => record.outcome === 'completed');
      expect(completed.map((record) => record.modelVersion)).toEqual([1, 2]);
      for (const record of completed) {
        const survivors = [...(maskedInputs.get(record.roundId) ?? [])].sort((a, b) => a - b);
        // Every node's clients are in the round, and every masked input sent is in the sum.
        expect(new Set(survivors.map((i) => i % 3)).size).toBe(3);
        expect(record.participants).toBe(survivors.length);
        const seed = roundSeed.get(record.roundId);
        const initial = (await store.checkpoint(record.modelVersion - 1))?.weights;
        const committed = (await store.checkpoint(record.modelVersion))?.weights;
        if (seed === undefined || !initial || !committed) throw new Error(`${record.roundId}: no seed or checkpoints`);
        const levelSum = sumVectors(
          survivors.map((i) =>
            plainSecureInput(
              {
                clientId: `secure-${i}`,
                delta: new Float32Array(initial.length).fill(valueOf(i)),
                numSamples: samplesOf(i),
                roundSeed: seed,
              },
              SECURE.bits,
              SECURE.range,
              SECURE.weightCap,
            ),
          ),
        );
        const p = initial.length;
        const expected = new FedAvgStrategy().aggregateSum(
          initial,
          Float64Array.from(decodeLevelSum(levelSum.subarray(0, p), survivors.length, SECURE.bits, SECURE.range)),
          fixedRangeLevels(SECURE.bits, 0.5).step * levelSum[p],
        );
        expect(Array.from(committed)).toEqual(Array.from(expected));
        // And the committed step is the weighted mean of the deltas, to the quantization's precision.
        const weights = survivors.map((i) => Math.min(samplesOf(i), SECURE.weightCap) / SECURE.weightCap);
        const mean =
          survivors.reduce((sum, i, k) => sum + weights[k] * valueOf(i), 0) / weights.reduce((a, b) => a + b);
        expect(committed[0] - initial[0]).toBeCloseTo(mean, 3);
      }
    } finally {
      await store.close();
    }
    expect(await Promise.all(cluster.nodes.map((node) => node.exited))).toEqual([0, 0, 0]);
  }, 300_000);
});
