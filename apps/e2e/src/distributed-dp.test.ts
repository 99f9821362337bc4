import { FederatedClient } from '@edgefl/client';
import { epsilonFor, planDistributedDp, seededRandomSource } from '@edgefl/privacy';
import { RoundStage } from '@edgefl/protocol';
import { ConstantTrainer } from './support/constant-trainer';
import { seededRandomBytes } from './support/seeded-random-bytes';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

const SECURE = { range: 0.5, bits: 8, weightCap: 150, stageTimeoutMs: 5_000 };
// Fixed seeds for every draw the sums depend on: the coordinator's (rotation seed, cohort sampling)
// and each client's (noise, randomized rounding, round secrets), so each check passes or fails the same way every run.
const dpRandomSource = (seed: number) => ({ dpRandomSource: seededRandomSource(new Uint8Array(32).fill(seed)) });

describe('distributed DP inside secure rounds over real sockets', () => {
  it('each client adds its share of discrete Gaussian noise before masking: the unmasked, unrotated sum carries the planned noise and the clipped signal', async () => {
    const clients = 6;
    const value = 0.01; // delta norm 0.01 * sqrt(343) = 0.185 < C: not clipped
    const dp = { clip: 1, noiseMultiplier: 0.5, delta: 1e-5 };
    const { coordinator, url, store } = await startCoordinator(
      {
        rounds: 1,
        clientsPerRound: clients,
        minReports: 2,
        roundTimeoutMs: 20_000,
        secure: SECURE,
        dp,
      },
      dpRandomSource(21),
    );
    try {
      const federated = Array.from(
        { length: clients },
        (_, i) =>
          new FederatedClient({
            url,
            data: tinyDataset(5 + i),
            clientId: `d${i}`,
            trainer: new ConstantTrainer(value),
            secureRandomBytes: seededRandomBytes(`distributed-dp.test d${i}`),
          }),
      );
      const runs = federated.map((client) => client.run());
      expect(await coordinator.waitForClients(clients, 10_000)).toBe(true);
      const summary = await coordinator.run();
      await Promise.all(runs);
      expect(summary.modelVersion).toBe(1);
      const before = (await store.checkpoint(0))?.weights ?? new Float32Array(0);
      const d = before.length;
      // The coordinator's plan for 6 clients: SecAgg+ degree 5, threshold t = 3 > minReports, so the
      // noise is sized for 3 survivors; all 6 survived, so the sum carries 6 shares.
      const plan = planDistributedDp({
        clip: 1,
        noiseMultiplier: 0.5,
        bits: 8,
        parameters: d,
        cohortSize: clients,
        minSurvivors: 3,
      });
      const perCoordinate = (clients * plan.noiseVariance * plan.gridStep ** 2) / clients ** 2; // divided by the fixed denominator
      let mean = 0;
      let variance = 0;
      for (let i = 0; i < d; i++) mean += (summary.weights[i] - before[i]) / d;
      for (let i = 0; i < d; i++) variance += (summary.weights[i] - before[i] - value) ** 2 / d;
      expect(Math.abs(mean - value)).toBeLessThan(5 * Math.sqrt(perCoordinate / d));
      // Rounding adds at most gamma^2 / 4 per client and coordinate on top of the noise.
      const rounding = (clients * plan.gridStep ** 2) / 4 / clients ** 2;
      expect(variance / perCoordinate).toBeGreaterThan(1 - 5 * Math.sqrt(2 / d));
      expect(variance / (perCoordinate + rounding)).toBeLessThan(1 + 5 * Math.sqrt(2 / d));
      // An attempt may be abandoned on a loaded machine (a stage deadline): the completed one carries the round's epsilon.
      const record = (await store.rounds()).find((r) => r.outcome === 'completed');
      expect(record).toBeDefined();
      expect(record?.epsilon).toBeCloseTo(epsilonFor({ q: 1, noiseMultiplier: 0.5, rounds: 1, delta: 1e-5 }), 8);
    } finally {
      await coordinator.close();
    }
  });

  it('dropouts down to the fewest survivors the round accepts still leave the planned noise (z Delta_2 gamma)^2 in the sum', async () => {
    const clients = 8;
    const value = 0.01;
    const dp = { clip: 1, noiseMultiplier: 0.5, delta: 1e-5 };
    // Complete graph (k = 7, t = 4); minReports 5, so the noise is sized for n_min = max(t, minReports) = 5.
    const { coordinator, url, store } = await startCoordinator(
      {
        rounds: 1,
        clientsPerRound: clients,
        minReports: 5,
        // Every connected client in the cohort: with over-selection the cohort would not be the complete graph of 8.
        overSelection: 1,
        roundTimeoutMs: 20_000,
        secure: { ...SECURE, neighbours: 7 },
        dp,
      },
      dpRandomSource(22),
    );
    try {
      const federated = Array.from({ length: clients }, (_, i) => {
        const client = new FederatedClient({
          url,
          data: tinyDataset(5 + i),
          clientId: `e${i}`,
          trainer: new ConstantTrainer(value),
          secureRandomBytes: seededRandomBytes(`distributed-dp.test e${i}`),
        });
        // Three clients vanish right before their masked input: 5 survivors, exactly n_min.
        if (i < 3)
          client.on('secure-stage', ({ stage }) => (stage === RoundStage.MaskedInput ? client.stop() : undefined));
        return client;
      });
      const runs = federated.map((client) => client.run());
      expect(await coordinator.waitForClients(clients, 10_000)).toBe(true);
      const summary = await coordinator.run();
      await Promise.all(runs);
      expect(summary.modelVersion).toBe(1);
      const [record] = await store.rounds();
      expect(record).toMatchObject({ outcome: 'completed', participants: 5, dropped: 3 });
      const before = (await store.checkpoint(0))?.weights ?? new Float32Array(0);
      const d = before.length;
      const plan = planDistributedDp({
        clip: 1,
        noiseMultiplier: 0.5,
        bits: 8,
        parameters: d,
        cohortSize: clients,
        minSurvivors: 5,
      });
      // The fixed denominator is the expected cohort, 8; the 5 survivors' sum carries 5 noise shares.
      const target = (dp.noiseMultiplier * plan.roundingBound * plan.gridStep) ** 2 / clients ** 2;
      let variance = 0;
      for (let i = 0; i < d; i++) variance += (summary.weights[i] - before[i] - (5 * value) / clients) ** 2 / d;
      expect(variance / target).toBeGreaterThan(1 - 5 * Math.sqrt(2 / d));
      expect(target * clients ** 2).toBeGreaterThanOrEqual((dp.noiseMultiplier * dp.clip) ** 2);
    } finally {
      await coordinator.close();
    }
  });
});
