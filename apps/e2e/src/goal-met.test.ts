import { FederatedClient } from '@edgefl/client';
import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import { ErrorCode } from '@edgefl/protocol';
import type { LocalDataset } from '@edgefl/runtime';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

/** An over-selected client slower than the goal: its training finishes only when `release` resolves. */
class SlowTrainer implements LocalTrainer {
  readonly backend = 'slow';
  release: Promise<unknown> = new Promise(() => undefined);

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    await this.release;
    return {
      delta: new Float32Array(task.weights.length).fill(1),
      numSamples: data.count,
      metrics: { loss: 1, accuracy: 0.5 },
    };
  }

  dispose(): void {
    // Holds nothing.
  }
}

describe('goal-met (docs/PROTOCOL.md section 6)', () => {
  it('tells the over-selected members still training that the goal is met: they stop and upload nothing', async () => {
    const { coordinator, url, store } = await startCoordinator({
      secure: false,
      rounds: 1,
      clientsPerRound: 2,
      overSelection: 2,
      minReports: 2,
      roundTimeoutMs: 20_000,
    });
    const late: string[] = [];
    coordinator.on('rejected', ({ code, clientId }) => {
      if (code === ErrorCode.LateReport) late.push(clientId ?? '?');
    });
    const slow = [new SlowTrainer(), new SlowTrainer()];
    const clients = [new ConstantTrainer(1), new ConstantTrainer(1), ...slow].map(
      (trainer, i) => new FederatedClient({ url, data: tinyDataset(4), trainer, clientId: `c-${i}` }),
    );
    const heard: string[] = [];
    const sent: string[] = [];
    for (const [i, client] of clients.entries()) {
      client.on('update-sent', () => sent.push(`c-${i}`));
      client.on('goal-met', ({ roundId }) => heard.push(`c-${i} goal-met ${roundId}`));
    }
    // A slow client finishes training as soon as it hears either goal-met or the round's end, whichever comes first:
    // then it would upload, unless it was told the goal is met.
    slow.forEach((trainer, i) => {
      const client = clients[i + 2];
      trainer.release = new Promise((resolve) => {
        client.on('goal-met', resolve);
        client.on('round-end', resolve);
      });
    });
    try {
      const runs = clients.map((client) => client.run());
      expect(await coordinator.waitForClients(4, 10_000)).toBe(true);
      const summary = await coordinator.run();
      await Promise.all(runs);
      expect(summary.reason).toBe('completed');
      const [record] = await store.rounds();
      expect(heard.sort()).toEqual([`c-2 goal-met ${record.roundId}`, `c-3 goal-met ${record.roundId}`]);
      expect(sent.sort()).toEqual(['c-0', 'c-1']);
      expect(late).toEqual([]);
      expect(record).toMatchObject({ outcome: 'completed', participants: 2, rejected: 0 });
    } finally {
      for (const client of clients) client.stop();
      await coordinator.close(0);
    }
  });
});
