import { FederatedClient } from '@edgefl/client';
import type { Server } from 'socket.io';
import type { ServerToClientEvents } from '@edgefl/protocol';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

/** Every message a round sends a client, as docs/PROTOCOL.md "Delivery" allows a coordinator to repeat them. */
const ROUND_MESSAGES: ReadonlySet<keyof ServerToClientEvents> = new Set<keyof ServerToClientEvents>([
  'task',
  'goal-met',
  'round-end',
  'run-end',
  'secagg-adverts',
  'secagg-share-delivery',
  'secagg-consistency',
  'secagg-unmask',
]);

/**
 * Sends each round message twice, back to back: what a client of a coordinator node sees when
 * Redis drops the node's connection after taking a broadcast and before the node read the reply
 * (ioredis sends the XADD again on reconnecting; docs/SCALING.md).
 */
function deliverTwice(io: Server): void {
  io.on('connection', (socket) => {
    const emit = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => boolean;
    (socket as { emit: typeof emit }).emit = (event, ...args) => {
      if (ROUND_MESSAGES.has(event as keyof ServerToClientEvents)) emit(event, ...args);
      return emit(event, ...args);
    };
  });
}

describe('a coordinator that delivers every round message twice', () => {
  it.each([
    { mode: 'secure', secure: { range: 0.5, bits: 8, weightCap: 150, stageTimeoutMs: 30_000 } },
    { mode: 'plain', secure: false as const },
  ])(
    '$mode: each client trains once per round and reports once, and every round completes with every client',
    async ({ secure }) => {
      const clients = 5;
      const { coordinator, url, store } = await startCoordinator({
        rounds: 2,
        clientsPerRound: clients,
        overSelection: 1,
        minReports: clients,
        roundTimeoutMs: 30_000,
        secure,
      });
      deliverTwice(coordinator.io);
      const trainers = Array.from({ length: clients }, (_, i) => new ConstantTrainer(0.01 * (i + 1)));
      const roundStarts = trainers.map(() => [] as string[]);
      const errors: Error[] = [];
      const federated = trainers.map((trainer, i) => {
        const client = new FederatedClient({ url, data: tinyDataset(10 * (i + 1)), clientId: `twice-${i}`, trainer });
        client.on('round-start', ({ roundId }) => roundStarts[i].push(roundId));
        client.on('error', (error) => errors.push(error));
        return client;
      });
      const runs = federated.map((client) => client.run());
      expect(await coordinator.waitForClients(clients, 10_000)).toBe(true);
      const summary = await coordinator.run();
      const results = await Promise.all(runs);
      await coordinator.close();

      expect(summary.reason).toBe('completed');
      const rounds = await store.rounds();
      expect(rounds.map((round) => ({ outcome: round.outcome, participants: round.participants }))).toEqual([
        { outcome: 'completed', participants: clients },
        { outcome: 'completed', participants: clients },
      ]);
      expect(errors.map((error) => error.message)).toEqual([]);
      const roundIds = rounds.map((round) => round.roundId);
      for (const [i, result] of results.entries()) {
        expect({ client: i, starts: roundStarts[i], trained: trainers[i].calls, result }).toEqual({
          client: i,
          starts: roundIds,
          trained: 2,
          result: expect.objectContaining({ reason: 'completed', roundsParticipated: 2 }),
        });
      }
    },
  );
});
