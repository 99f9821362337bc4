import { FederatedClient } from '@edgefl/client';
import { epsilonFor, planDistributedDp } from '@edgefl/privacy';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

const SECURE = { range: 0.5, bits: 8, weightCap: 150, stageTimeoutMs: 5_000 };

describe('distributed DP inside secure rounds over real sockets', () => {
  it('each client adds its share of discrete Gaussian noise before masking: the unmasked, unrotated sum carries the planned noise and the clipped signal', async () => {
    const clients = 6;
    const value = 0.01; // delta norm 0.01 * sqrt(343) = 0.185 < C: not clipped
    const dp = { clip: 1, noiseMultiplier: 0.5, delta: 1e-5 };
    const { coordinator, url, store } = await startCoordinator({ rounds: 1, clientsPerRound: clients, minReports: 2, roundTimeoutMs: 20_000, secure: SECURE, dp });
    try {
      const federated = Array.from(
        { length: clients },
        (_, i) => new FederatedClient({ url, data: tinyDataset(5 + i), clientId: `d${i}`, trainer: new ConstantTrainer(value) }),
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
      const plan = planDistributedDp({ clip: 1, noiseMultiplier: 0.5, bits: 8, parameters: d, cohortSize: clients, minSurvivors: 3 });
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
      const [record] = await store.rounds();
      expect(record.epsilon).toBeCloseTo(epsilonFor({ q: 1, noiseMultiplier: 0.5, rounds: 1, delta: 1e-5 }), 8);
    } finally {
      await coordinator.close();
    }
  });
});
