import { FederatedClient } from '@edgefl/client';
import type { FederatedClientEvents, FederatedClientOptions } from '@edgefl/client';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';
import { closedPort } from './support/closed-port';
import { nextClientEvent } from './support/next-client-event';

/** Quick retries, so the tests spend no time waiting on backoff. */
const FAST = { backoffMs: 20, maxBackoffMs: 100, timeoutMs: 5_000 };

/** One round with one client: the second coordinator runs it once the client is there. */
const ONE_ROUND = { rounds: 1, clientsPerRound: 1, overSelection: 1, minReports: 1, secure: false } as const;

/** A client, or (when the options are refused) the servers closed before the error goes on. */
function newClientOrClose(close: () => Promise<void>, options: FederatedClientOptions): FederatedClient {
  try {
    return new FederatedClient(options);
  } catch (error) {
    void close();
    throw error;
  }
}

describe('SDK failover across coordinator nodes (options.urls)', () => {
  it('moves to the second URL when the first coordinator goes away, enrolls there under the same id and finishes the run', async () => {
    const first = await startCoordinator({ ...ONE_ROUND });
    const second = await startCoordinator({ ...ONE_ROUND });
    const closeAll = async (): Promise<void> => {
      await first.coordinator.close();
      await second.coordinator.close();
    };
    const client = newClientOrClose(closeAll, {
      urls: [first.url, second.url],
      data: tinyDataset(4),
      clientId: 'roaming',
      trainer: new ConstantTrainer(0.1),
      connection: { ...FAST, retries: 20 },
    });
    const reconnecting: Array<FederatedClientEvents['reconnecting'][0]> = [];
    client.on('reconnecting', (info) => reconnecting.push(info));
    try {
      const run = client.run();
      await nextClientEvent(client, 'connected');
      expect(client.url).toBe(first.url);
      expect(first.coordinator.connectedClients).toBe(1);
      const reconnected = nextClientEvent(client, 'reconnected');
      await first.coordinator.close();

      const [back] = await reconnected;
      expect(back.clientId).toBe('roaming');
      expect(client.url).toBe(second.url);
      expect(second.coordinator.connectedClients).toBe(1);
      // The lost connection is retried on its own node first; the refused attempt sends the client on.
      expect(reconnecting[0]).toMatchObject({ attempt: 1, url: first.url });
      expect(reconnecting.at(-1)).toMatchObject({ url: second.url });
      expect(await second.coordinator.run()).toMatchObject({ reason: 'completed', modelVersion: 1 });
      expect(await run).toEqual({ clientId: 'roaming', roundsParticipated: 1, modelVersion: 1, reason: 'completed' });
    } finally {
      await client.stop();
      await closeAll();
    }
  });

  it('starts on the next URL when the first cannot be reached at all', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const live = await startCoordinator({ ...ONE_ROUND });
    const client = newClientOrClose(() => live.coordinator.close(), {
      urls: [dead, live.url],
      data: tinyDataset(4),
      clientId: 'late',
      trainer: new ConstantTrainer(0.1),
      connection: { ...FAST, retries: 3 },
    });
    const reconnected: unknown[] = [];
    client.on('reconnected', (info) => reconnected.push(info));
    try {
      const run = client.run();
      const [welcome] = await nextClientEvent(client, 'connected');
      expect(welcome.clientId).toBe('late');
      expect(client.url).toBe(live.url);
      expect(await live.coordinator.run()).toMatchObject({ reason: 'completed', modelVersion: 1 });
      expect(await run).toMatchObject({ clientId: 'late', roundsParticipated: 1, reason: 'completed' });
      // Retries of the first connection are not reconnections.
      expect(reconnected).toEqual([]);
    } finally {
      await client.stop();
      await live.coordinator.close();
    }
  });

  it('gives up with CoordinatorUnreachableError once the budget is spent across every URL', async () => {
    const urls = [`http://127.0.0.1:${await closedPort()}`, `http://127.0.0.1:${await closedPort()}`];
    const client = new FederatedClient({
      urls,
      data: tinyDataset(4),
      trainer: new ConstantTrainer(0.1),
      connection: { ...FAST, retries: 3 },
    });
    const error = await client.run().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CoordinatorUnreachableError', attempts: 4 });
    // Four attempts alternating over the two nodes: the last one was the second node's.
    expect(error).toMatchObject({ url: urls[1] });
  });
});
