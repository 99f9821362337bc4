import { FederatedClient } from '@edgefl/client';
import { epsilonFor, seededRandomSource } from '@edgefl/privacy';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

/** The coordinator's DP randomness (cohort sampling, noise, count noise) on a fixed seed: the same draws every run. */
const dpRandomSource = (seed: number) => ({ dpRandomSource: seededRandomSource(new Uint8Array(32).fill(seed)) });

async function join(
  coordinator: { waitForClients(n: number, t: number): Promise<boolean> },
  url: string,
  count: number,
  value: number,
) {
  const clients = Array.from(
    { length: count },
    (_, i) =>
      new FederatedClient({
        url,
        data: tinyDataset(5 + 10 * i),
        clientId: `c${i}`,
        trainer: new ConstantTrainer(value),
      }),
  );
  const runs = clients.map((client) => client.run());
  expect(await coordinator.waitForClients(count, 10_000)).toBe(true);
  return runs;
}

describe('central DP-FedAvg over real sockets', () => {
  it('clips each update to C, weighs clients uniformly, divides by the expected cohort and adds N(0, (zC)^2) to the sum', async () => {
    const clip = 1;
    const noiseMultiplier = 0.6;
    const clients = 6;
    const { coordinator, url, store } = await startCoordinator(
      {
        secure: false,
        rounds: 1,
        clientsPerRound: clients,
        minReports: clients,
        dp: { clip, noiseMultiplier, delta: 1e-5 },
      },
      dpRandomSource(11),
    );
    try {
      const runs = await join(coordinator, url, clients, 1);
      const summary = await coordinator.run();
      const before = (await store.checkpoint(0))?.weights ?? new Float32Array(0);
      await Promise.all(runs);
      const d = before.length;
      // Every client sent delta = 1 everywhere (norm sqrt(d)): clipped to C it is C / sqrt(d) per coordinate,
      // the same for every client whatever its sample count (uniform weighting); q = 1 here, so the
      // denominator is the whole cohort.
      const signal = clip / Math.sqrt(d);
      let mean = 0;
      let variance = 0;
      for (let i = 0; i < d; i++) mean += (summary.weights[i] - before[i] - signal) / d;
      for (let i = 0; i < d; i++) variance += (summary.weights[i] - before[i] - signal) ** 2 / d;
      const planned = (noiseMultiplier * clip) ** 2 / clients ** 2;
      // d = 343 normal draws: the sample variance has relative sd sqrt(2/d) = 7.6%; 5 sd either side
      // (on a fixed seed: the check passes or fails the same way on every run).
      expect(variance / planned).toBeGreaterThan(1 - 5 * Math.sqrt(2 / d));
      expect(variance / planned).toBeLessThan(1 + 5 * Math.sqrt(2 / d));
      expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(planned / d));
      const [record] = await store.rounds();
      expect(record.epsilon).toBeCloseTo(epsilonFor({ q: 1, noiseMultiplier, rounds: 1, delta: 1e-5 }), 8);
      expect(summary.epsilon).toBe(record.epsilon);
      const status = (await (await fetch(`${url}/api/status`)).json()) as { epsilon?: number };
      expect(status.epsilon).toBe(record.epsilon);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const gauge = /^edgefl_dp_epsilon (\S+)$/m.exec(metrics);
      expect(Number(gauge?.[1])).toBeCloseTo(record.epsilon as number, 8);
    } finally {
      await coordinator.close();
    }
  });

  it('stops the run once the next round would exceed the budget, with epsilon after every round', async () => {
    const noiseMultiplier = 2;
    const budget = epsilonFor({ q: 1, noiseMultiplier, rounds: 2, delta: 1e-5 }) * 1.0001;
    const { coordinator, url, store } = await startCoordinator(
      {
        secure: false,
        rounds: 5,
        clientsPerRound: 3,
        minReports: 3,
        dp: { clip: 0.5, noiseMultiplier, epsilon: budget, delta: 1e-5 },
      },
      dpRandomSource(12),
    );
    try {
      const runs = await join(coordinator, url, 3, 0.01);
      const summary = await coordinator.run();
      const results = await Promise.all(runs);
      expect(summary).toMatchObject({ reason: 'stopped', modelVersion: 2, budgetSpent: true });
      const rounds = await store.rounds();
      expect(rounds.map((r) => r.outcome)).toEqual(['completed', 'completed', 'abandoned']);
      expect(rounds[2].reason).toMatch(/privacy budget spent/);
      expect(rounds[1].epsilon).toBeGreaterThan(rounds[0].epsilon as number);
      expect(rounds[1].epsilon).toBeLessThanOrEqual(budget);
      expect(results.every((r) => r.roundsParticipated === 2)).toBe(true);
    } finally {
      await coordinator.close();
    }
  });

  it('adaptive clipping moves the clip toward the median update norm, round by round', async () => {
    // Every update has norm 0.01 * sqrt(343) = 0.185, far below the initial clip of 10: all are
    // unclipped, so each round multiplies C by about exp(-0.2 (1 - 0.5)).
    const { coordinator, url, store } = await startCoordinator(
      {
        secure: false,
        rounds: 4,
        clientsPerRound: 6,
        minReports: 6,
        dp: { clip: 10, noiseMultiplier: 0.5, clipQuantile: 0.5 },
      },
      dpRandomSource(13),
    );
    try {
      const runs = await join(coordinator, url, 6, 0.01);
      const summary = await coordinator.run();
      await Promise.all(runs);
      expect(summary.modelVersion).toBe(4);
      const clips = (await store.rounds()).map((r) => r.dpClip as number);
      expect(clips[0]).toBe(10);
      // Count noise sigma_b = 1 on m = 6: three updates move log C by -0.3 +- 0.06 (sd); 5 sd margin, fixed seed.
      expect(Math.log(clips[3] / clips[0])).toBeLessThan(-0.3 + 5 * 0.058);
      expect(Math.log(clips[3] / clips[0])).toBeGreaterThan(-0.3 - 5 * 0.058);
    } finally {
      await coordinator.close();
    }
  });

  it('refuses adaptive clipping with secure aggregation, naming the setting', async () => {
    await expect(
      startCoordinator({
        secure: { range: 0.5, bits: 8, weightCap: 10, stageTimeoutMs: 1000 },
        dp: { clip: 1, noiseMultiplier: 1, clipQuantile: 0.5 },
      }),
    ).rejects.toThrow(/clipQuantile \(adaptive clipping\) works in plain rounds only/);
  });
});
