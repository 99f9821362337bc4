import { FederatedClient } from '@edgefl/client';
import type { ClientRunSummary } from '@edgefl/client';
import { ConstantTrainer, UNTIL_THE_ROUND_ENDS } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

/** Starts `trainers.length` clients and resolves once the coordinator sees them all. */
async function join(
  coordinator: { waitForClients(n: number, t: number): Promise<boolean> },
  url: string,
  trainers: ConstantTrainer[],
  samples: number[],
) {
  const clients = trainers.map(
    (trainer, i) => new FederatedClient({ url, data: tinyDataset(samples[i]), clientId: `c${i}`, trainer }),
  );
  const runs = clients.map((client) => client.run());
  expect(await coordinator.waitForClients(clients.length, 10_000)).toBe(true);
  return { clients, runs };
}

describe('round lifecycle over real sockets', () => {
  it('aggregates FedAvg exactly: the new model is the initial one plus the sample-weighted mean delta', async () => {
    const { coordinator, url, store } = await startCoordinator({
      secure: false,
      rounds: 1,
      clientsPerRound: 3,
      overSelection: 1,
      minReports: 3,
    });
    try {
      const trainers = [new ConstantTrainer(0.1), new ConstantTrainer(0.2), new ConstantTrainer(0.4)];
      const { runs } = await join(coordinator, url, trainers, [10, 20, 70]);
      const summary = await coordinator.run();
      const results: ClientRunSummary[] = await Promise.all(runs);
      // The initial model is the version-0 checkpoint run() wrote before the first round.
      const before = (await store.checkpoint(0))?.weights;
      if (!before) throw new Error('run() wrote no version-0 checkpoint');
      const expectedDelta = (0.1 * 10 + 0.2 * 20 + 0.4 * 70) / 100;
      expect(summary.modelVersion).toBe(1);
      for (let i = 0; i < before.length; i++) expect(summary.weights[i]).toBeCloseTo(before[i] + expectedDelta, 5);
      expect(results.map((r) => r.reason)).toEqual(['completed', 'completed', 'completed']);
      const [record] = await store.rounds();
      expect(record).toMatchObject({ outcome: 'completed', participants: 3, dropped: 0 });
      expect(record.bytesUp).toBeGreaterThan(3 * 343 * 4);
      expect(record.bytesDown).toBeGreaterThan(3 * 343 * 4);
    } finally {
      await coordinator.close();
    }
  });

  it('completes the round without a client that disconnects mid-round, and the run finishes', async () => {
    const { coordinator, url, store } = await startCoordinator({
      secure: false,
      rounds: 2,
      clientsPerRound: 3,
      overSelection: 1.34,
      minReports: 2,
      roundTimeoutMs: 5_000,
    });
    try {
      // c3 leaves as soon as it has its task; the others report only once the coordinator saw it go,
      // so the round cannot reach its goal of 3 before c3 counts as dropped.
      const c3Left = new Promise<void>((resolve) =>
        coordinator.on('client-disconnected', ({ clientId }) => clientId === 'c3' && resolve()),
      );
      const afterC3Left = () => c3Left;
      const trainers = [
        new ConstantTrainer(1, 0, afterC3Left),
        new ConstantTrainer(1, 0, afterC3Left),
        new ConstantTrainer(1, 0, afterC3Left),
        new ConstantTrainer(1, 0, () => UNTIL_THE_ROUND_ENDS),
      ];
      const { clients, runs } = await join(coordinator, url, trainers, [5, 5, 5, 5]);
      clients[3].on('round-start', () => void clients[3].stop());
      const summary = await coordinator.run();
      const results = await Promise.all(runs);
      expect(summary).toMatchObject({ reason: 'completed', modelVersion: 2 });
      expect(results[3].reason).toBe('left');
      const rounds = await store.rounds();
      expect(rounds.map((r) => r.outcome)).toEqual(['completed', 'completed']);
      expect(rounds[0]).toMatchObject({ selected: 4, participants: 3, dropped: 1 });
      expect(rounds[1]).toMatchObject({ selected: 3, participants: 3, dropped: 0 });
    } finally {
      await coordinator.close();
    }
  });

  it('closes a round at the deadline without a straggler, and the run finishes', async () => {
    const { coordinator, url, store } = await startCoordinator({
      secure: false,
      rounds: 2,
      clientsPerRound: 3,
      overSelection: 1,
      minReports: 2,
      roundTimeoutMs: 2_000,
      // No grace period after minReports: the deadline, and only it, closes the round.
      stageGraceFactor: 0,
    });
    try {
      // The straggler holds every task until its round has ended: it can never make the deadline.
      const straggler = new ConstantTrainer(1, 0, () => UNTIL_THE_ROUND_ENDS);
      const trainers = [new ConstantTrainer(1), new ConstantTrainer(1), straggler];
      const { runs } = await join(coordinator, url, trainers, [5, 5, 5]);
      const summary = await coordinator.run();
      const results = await Promise.all(runs);
      expect(summary.reason).toBe('completed');
      const rounds = await store.rounds();
      expect(rounds.map((r) => [r.outcome, r.participants, r.dropped])).toEqual([
        ['completed', 2, 1],
        ['completed', 2, 1],
      ]);
      expect(results.map((r) => r.roundsParticipated)).toEqual([2, 2, 0]);
      expect(straggler.calls).toBe(2);
      expect(rounds.every((r) => r.durationMs >= 2_000)).toBe(true);
    } finally {
      await coordinator.close();
    }
  });

  it('abandons a round with too few reports, retries it, and finishes the run', async () => {
    const { coordinator, url, store } = await startCoordinator({
      secure: false,
      rounds: 2,
      clientsPerRound: 3,
      overSelection: 1,
      minReports: 3,
      roundTimeoutMs: 2_000,
    });
    try {
      // Its first task is held until that attempt has ended: the first attempt gets 2 reports of 3.
      const slowOnce = new ConstantTrainer(1, 0, (_task, call) => (call === 1 ? UNTIL_THE_ROUND_ENDS : undefined));
      const { runs } = await join(
        coordinator,
        url,
        [new ConstantTrainer(1), new ConstantTrainer(1), slowOnce],
        [5, 5, 5],
      );
      const abandoned: string[] = [];
      coordinator.on('round-end', (record) => {
        if (record.outcome === 'abandoned') abandoned.push(record.reason ?? '');
      });
      const summary = await coordinator.run();
      await Promise.all(runs);
      expect(summary).toMatchObject({ reason: 'completed', modelVersion: 2 });
      const rounds = await store.rounds();
      expect(rounds.map((r) => [r.round, r.attempt, r.outcome])).toEqual([
        [1, 1, 'abandoned'],
        [1, 2, 'completed'],
        [2, 1, 'completed'],
      ]);
      expect(abandoned[0]).toMatch(/only 2 of 3 selected clients reported, the round needs 3/);
      expect(rounds[0].modelVersion).toBe(0);
    } finally {
      await coordinator.close();
    }
  });
});
