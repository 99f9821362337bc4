import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server } from 'socket.io';
import { CoordinatorRejectedError, CoordinatorUnreachableError, FederatedClient } from '@edgefl/client';
import type { ClientRunSummary, FederatedClientEvents, LocalTrainer, LocalTrainingResult } from '@edgefl/client';
import { Coordinator } from '@edgefl/coordinator';
import { DEFAULT_LIMITS, ErrorCode } from '@edgefl/protocol';
import { ConstantTrainer } from './support/constant-trainer';
import { SMALL_MODEL, startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';
import { closedPort } from './support/closed-port';
import { nextClientEvent } from './support/next-client-event';

/** Quick retries, so the tests spend no time waiting on backoff. */
const FAST = { backoffMs: 20, maxBackoffMs: 100, timeoutMs: 5_000 };

/** The events a client emitted, in order, by name. */
function recordEvents(client: FederatedClient, names: Array<keyof FederatedClientEvents>): string[] {
  const seen: string[] = [];
  for (const name of names) client.on(name, () => seen.push(name));
  return seen;
}

class FailingTrainer implements LocalTrainer {
  readonly backend = 'failing';
  async train(): Promise<LocalTrainingResult> {
    throw new Error('the device ran out of memory');
  }
  dispose(): void {
    // Holds nothing.
  }
}

/**
 * A raw socket.io server that welcomes every hello and then answers as `afterWelcome` says: the
 * coordinator side of the replaced / banned cases, whatever the coordinator in this branch sends.
 */
async function scriptedCoordinator(
  afterWelcome: (socket: import('socket.io').Socket) => void,
): Promise<{ url: string; connections: () => number; close: () => Promise<void>; connected: Promise<void>[] }> {
  const http = createHttpServer();
  const io = new Server(http);
  let count = 0;
  const waiters: Array<() => void> = [];
  const connected = [0, 1, 2].map((i) => new Promise<void>((done) => (waiters[i] = done)));
  io.on('connection', (socket) => {
    waiters[count]?.();
    count++;
    socket.on('hello', (hello: { clientId?: string }, ack: (reply: object) => void) => {
      ack({
        type: 'welcome',
        protocolVersion: 1,
        clientId: hello.clientId ?? 'c-raw',
        runId: 'raw',
        limits: DEFAULT_LIMITS,
      });
      setImmediate(() => afterWelcome(socket));
    });
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    connections: () => count,
    connected,
    close: () => new Promise<void>((done) => io.close(() => done())),
  };
}

describe('the SDK life cycle, as an app sees it', () => {
  it('run() rejects with CoordinatorUnreachableError once the retry budget is spent', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const client = new FederatedClient({
      url,
      data: tinyDataset(4),
      trainer: new ConstantTrainer(0.1),
      connection: { ...FAST, retries: 2 },
    });
    const events = recordEvents(client, ['connected', 'reconnecting', 'reconnected', 'error']);
    const error = await client.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoordinatorUnreachableError);
    expect(error).toMatchObject({ name: 'CoordinatorUnreachableError', url, attempts: 3 });
    expect((error as Error).message).toMatch(
      new RegExp(`^the coordinator at ${url} could not be reached after 3 attempts: `),
    );
    // Retries of the first connection are not reconnections; nothing else was reported.
    expect(events).toEqual([]);
    expect(await client.stop()).toEqual({
      clientId: undefined,
      roundsParticipated: 0,
      modelVersion: undefined,
      reason: 'failed',
    });
  });

  it('the connect timeout bounds an attempt that never gets an answer', async () => {
    // Accepts TCP connections and never says a word.
    const held: NetSocket[] = [];
    let accepted = 0;
    const blackHole = createNetServer((socket) => {
      accepted++;
      held.push(socket);
    });
    await new Promise<void>((done) => blackHole.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
    try {
      const client = new FederatedClient({
        url,
        data: tinyDataset(4),
        trainer: new ConstantTrainer(0.1),
        connection: { ...FAST, timeoutMs: 300, retries: 1 },
      });
      const error = await client.run().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'CoordinatorUnreachableError', attempts: 2 });
      expect((error as CoordinatorUnreachableError).lastError.message).toBe('timeout');
      expect(accepted).toBe(2);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((done) => blackHole.close(done));
    }
  });

  it('reconnects with backoff when the coordinator restarts on the same port, says so, and finishes the run there', async () => {
    const first = await startCoordinator({ secure: false, model: SMALL_MODEL });
    const port = Number(new URL(first.url).port);
    // A generous budget: the retries must outlast the gap between the two coordinators on a busy machine.
    const client = new FederatedClient({
      url: first.url,
      data: tinyDataset(4),
      clientId: 'steady',
      trainer: new ConstantTrainer(0.1),
      connection: { ...FAST, retries: 100 },
    });
    const events = recordEvents(client, ['connected', 'disconnected', 'reconnecting', 'reconnected', 'run-end']);
    const reconnecting: Array<FederatedClientEvents['reconnecting'][0]> = [];
    client.on('reconnecting', (info) => reconnecting.push(info));
    const run = client.run();
    await nextClientEvent(client, 'connected');
    await first.coordinator.close();

    const second = new Coordinator({
      config: {
        secure: false,
        port,
        host: '127.0.0.1',
        model: SMALL_MODEL,
        rounds: 1,
        clientsPerRound: 1,
        overSelection: 1,
        minReports: 1,
      },
    });
    try {
      await second.listen();
      const [back] = await nextClientEvent(client, 'reconnected');
      expect(back.clientId).toBe('steady');
      expect(back.attempts).toBeGreaterThanOrEqual(1);
      expect(await second.run()).toMatchObject({ reason: 'completed', modelVersion: 1 });
      const summary = await run;
      expect(summary).toEqual({ clientId: 'steady', roundsParticipated: 1, modelVersion: 1, reason: 'completed' });
      // stop() after the end resolves with the same summary.
      expect(await client.stop()).toEqual(summary);
    } finally {
      await client.stop();
      await second.close();
    }
    expect(events.slice(0, 3)).toEqual(['connected', 'disconnected', 'reconnecting']);
    expect(events.indexOf('reconnected')).toBeGreaterThan(events.indexOf('reconnecting'));
    expect(events.filter((e) => e === 'reconnected')).toHaveLength(1);
    // The client closes its connection itself after run-end.
    expect(events.slice(-2)).toEqual(['run-end', 'disconnected']);
    expect(reconnecting[0]).toMatchObject({ attempt: 1, reason: 'connection lost: io server disconnect' });
    expect(reconnecting.map((r) => r.attempt)).toEqual(reconnecting.map((_, i) => i + 1));
  });

  it('reconnects when the coordinator drops its socket', async () => {
    const { coordinator, url } = await startCoordinator({ secure: false, model: SMALL_MODEL });
    const client = new FederatedClient({
      url,
      data: tinyDataset(4),
      clientId: 'dropped',
      trainer: new ConstantTrainer(0.1),
      connection: FAST,
    });
    try {
      const run = client.run();
      await nextClientEvent(client, 'connected');
      const reconnected = nextClientEvent(client, 'reconnected');
      coordinator.io.disconnectSockets(true);
      expect((await reconnected)[0]).toMatchObject({ clientId: 'dropped', attempts: 1 });
      expect(coordinator.connectedClients).toBe(1);
      expect(await client.stop()).toEqual({
        clientId: 'dropped',
        roundsParticipated: 0,
        modelVersion: undefined,
        reason: 'left',
      });
      expect(await run).toEqual({
        clientId: 'dropped',
        roundsParticipated: 0,
        modelVersion: undefined,
        reason: 'left',
      });
    } finally {
      await client.stop();
      await coordinator.close();
    }
  });

  it.each([ErrorCode.ClientReplaced, ErrorCode.ClientBanned])(
    'does not reconnect when told %s: run() rejects with it',
    async (code) => {
      const server = await scriptedCoordinator((socket) => {
        socket.emit('protocol-error', {
          type: 'error',
          code,
          message: 'another connection enrolled under this client id',
        });
        socket.disconnect(true);
      });
      const client = new FederatedClient({
        url: server.url,
        data: tinyDataset(4),
        clientId: 'twin',
        trainer: new ConstantTrainer(0.1),
        connection: { backoffMs: 0, maxBackoffMs: 0 },
      });
      const events = recordEvents(client, ['reconnecting', 'reconnected', 'error']);
      try {
        const error = await client.run().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CoordinatorRejectedError);
        expect(error).toMatchObject({ code });
        expect(events).toEqual([]);
        expect(server.connections()).toBe(1);
        expect(await client.stop()).toMatchObject({ clientId: 'twin', reason: 'failed' });
      } finally {
        await server.close();
      }
    },
  );

  it('does reconnect after any other parting error (the control for the case above)', async () => {
    const server = await scriptedCoordinator((socket) => {
      socket.emit('protocol-error', {
        type: 'error',
        code: ErrorCode.TooManyErrors,
        message: 'too many refused messages',
      });
      socket.disconnect(true);
    });
    const client = new FederatedClient({
      url: server.url,
      data: tinyDataset(4),
      clientId: 'noisy',
      trainer: new ConstantTrainer(0.1),
      connection: { backoffMs: 0, maxBackoffMs: 0 },
    });
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    try {
      const run = client.run();
      await server.connected[1];
      expect(errors[0]).toMatchObject({ code: ErrorCode.TooManyErrors });
      await client.stop();
      expect((await run).reason).toBe('left');
    } finally {
      await client.stop();
      await server.close();
    }
  });

  it('an error nobody listens to rejects run(); with a listener the run goes on', async () => {
    const { coordinator, url } = await startCoordinator({
      secure: false,
      model: SMALL_MODEL,
      rounds: 1,
      clientsPerRound: 1,
      overSelection: 1,
      minReports: 1,
      maxAttemptsPerRound: 1,
      roundTimeoutMs: 1_000,
    });
    try {
      const unheard = new FederatedClient({
        url,
        data: tinyDataset(4),
        clientId: 'unheard',
        trainer: new FailingTrainer(),
      });
      const run = unheard.run();
      await nextClientEvent(unheard, 'connected');
      const coordinatorRun = coordinator.run();
      await expect(run).rejects.toThrow('the device ran out of memory');
      expect(await coordinatorRun).toMatchObject({ reason: 'stopped', modelVersion: 0 });
    } finally {
      await coordinator.close();
    }
    const second = await startCoordinator({
      secure: false,
      model: SMALL_MODEL,
      rounds: 1,
      clientsPerRound: 1,
      overSelection: 1,
      minReports: 1,
      maxAttemptsPerRound: 1,
      roundTimeoutMs: 1_000,
    });
    try {
      const heard = new FederatedClient({
        url: second.url,
        data: tinyDataset(4),
        clientId: 'heard',
        trainer: new FailingTrainer(),
      });
      const errors: Error[] = [];
      heard.on('error', (error) => errors.push(error));
      const run = heard.run();
      await nextClientEvent(heard, 'connected');
      await second.coordinator.run();
      expect(await run).toEqual({ clientId: 'heard', roundsParticipated: 0, modelVersion: 0, reason: 'stopped' });
      expect(errors.map((e) => e.message)).toEqual(['the device ran out of memory']);
    } finally {
      await second.coordinator.close();
    }
  });

  it('stop() resolves with the run summary, once the client is down; before run() it just says left', async () => {
    const { coordinator, url } = await startCoordinator({ secure: false, model: SMALL_MODEL });
    try {
      const client = new FederatedClient({
        url,
        data: tinyDataset(4),
        clientId: 'leaver',
        trainer: new ConstantTrainer(0.1),
      });
      const run = client.run();
      await nextClientEvent(client, 'connected');
      const left = new Promise<void>((done) => coordinator.once('client-disconnected', () => done()));
      const stopped: ClientRunSummary = await client.stop();
      expect(stopped).toEqual({ clientId: 'leaver', roundsParticipated: 0, modelVersion: undefined, reason: 'left' });
      expect(await run).toEqual(stopped);
      expect(await client.stop()).toEqual(stopped);
      await left;
      expect(() => client.run()).toThrow('run() was already called');

      const idle = new FederatedClient({ url, data: tinyDataset(4), trainer: new ConstantTrainer(0.1) });
      expect(await idle.stop()).toEqual({
        clientId: undefined,
        roundsParticipated: 0,
        modelVersion: undefined,
        reason: 'left',
      });
    } finally {
      await coordinator.close();
    }
  });
});
