import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { io as connectTo } from 'socket.io-client';
import { Coordinator } from '@edgefl/coordinator';
import { createDashboard } from '@edgefl/dashboard';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import { RedisRoundStore } from '@edgefl/coordinator-store/node';
import { roundRecordFixture, startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { countParameters } from '@edgefl/models';
import type { ModelSpec, RunEndMessage } from '@edgefl/protocol';
import { CoordinatorProcess, restartTestFlags, status, waitFor } from './support/coordinator-restart';
import { connectRaw, rawHello, sendRaw } from './support/raw-socket';

/** The restart tests' tiny model: 8x8 input, one separable layer of width 2. */
const TINY_MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 };

/** A node of a 4-round run on `redisUrl`, waiting for far more clients than any test connects (no round starts). */
function nodeFlags(redisUrl: string, nodeId: string, extra: string[] = []): string[] {
  return [
    ...restartTestFlags(4, ['--redis', redisUrl], ['--no-secure', ...extra]),
    ...['--node-id', nodeId, '--wait-for-clients', '1000'],
  ];
}

/** Resolves with the port the node bound once it serves `/api/status`. */
async function started(node: CoordinatorProcess): Promise<number> {
  const port = await node.ready;
  await waitFor(
    'the node to serve',
    60_000,
    async () => (await status(port)) ?? (node.running ? undefined : null),
    () => node.tail(),
  );
  if (!node.running) throw new Error(`node exited:\n${node.tail()}`);
  return port;
}

async function enroll(url: string, clientId: string): Promise<Socket> {
  const socket = await connectRaw(url);
  const reply = await sendRaw(socket, 'hello', rawHello({ clientId }));
  expect(reply).toMatchObject({ type: 'welcome', clientId });
  return socket;
}

describe('coordinator nodes on one Redis (processes)', () => {
  let redis: RedisTestServer;
  const nodes: CoordinatorProcess[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    redis = await startRedisTestServer();
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(nodes.splice(0).map((node) => node.kill()));
    const store = await RedisRoundStore.connect(redis.url);
    await store.redis.flushall();
    await store.close();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('refuses a second node with the same --node-id, and a node whose run configuration differs, naming what differs', async () => {
    const first = new CoordinatorProcess(nodeFlags(redis.url, 'node-a'));
    nodes.push(first);
    const port = await started(first);
    expect((await status(port))?.nodeId).toBe('node-a');

    const twin = new CoordinatorProcess(nodeFlags(redis.url, 'node-a'));
    nodes.push(twin);
    expect(await twin.exited).toBe(3);
    expect(twin.tail()).toMatch(/node id node-a is taken: another live coordinator node of this run registered it/);

    const odd = new CoordinatorProcess(nodeFlags(redis.url, 'node-b', ['--bits', '8', '--widths', '3']));
    nodes.push(odd);
    expect(await odd.exited).toBe(3);
    const refusal = odd.tail();
    expect(refusal).toMatch(/node node-b refused: its run configuration differs from the one recorded for this run/);
    expect(refusal).toMatch(/model\.widths: the run has \[2\], this node \[3\]/);
    expect(refusal).toMatch(/encoding\.kind: the run has "float32", this node "quantized"/);

    // The first node serves on, still registered under its id.
    expect(first.running).toBe(true);
    const check = new Redis(redis.url);
    try {
      expect(await check.zrange('edgefl:nodes', '0', '-1')).toEqual(['node-a']);
    } finally {
      check.disconnect();
    }
  });

  it("a broadcast issued on node A (its run-end) reaches a client connected to node B, through socket.io's Redis adapter", async () => {
    // The run's 4 rounds are already committed: node A's run() ends at once and broadcasts run-end.
    const store = await RedisRoundStore.connect(redis.url);
    const weights = new Float32Array(countParameters(TINY_MODEL));
    await store.putInitialCheckpoint({ version: 0, weights, createdAt: 1 });
    for (let v = 1; v <= 4; v++)
      await store.commitRound(roundRecordFixture(v, 'completed', v), { version: v, weights, createdAt: 1 + v });
    await store.close();

    const nodeB = new CoordinatorProcess(nodeFlags(redis.url, 'node-b'));
    nodes.push(nodeB);
    const portB = await started(nodeB);
    const client = await enroll(`http://127.0.0.1:${portB}`, 'on-b');
    sockets.push(client);
    const heard = new Promise<RunEndMessage>((resolve) => client.once('run-end', resolve));

    // Node A does not wait for clients: its run starts, finds every round committed, and ends.
    const nodeA = new CoordinatorProcess(nodeFlags(redis.url, 'node-a').slice(0, -2));
    nodes.push(nodeA);
    const runEnd = await heard;
    expect(runEnd).toMatchObject({ type: 'run-end', runId: 'run', modelVersion: 4, rounds: 4 });
    await waitFor('node A to log the end of its run', 30_000, () =>
      nodeA.lines.some((line) => line.includes('"run ended"')) ? true : undefined,
    );
    // Node B itself never ran a round or ended its run.
    expect(nodeB.lines.some((line) => line.includes('"run ended"'))).toBe(false);
    expect((await status(portB))?.clientsConnected).toBe(1);
  });
});

describe('coordinator nodes on one Redis (embedding API)', () => {
  let redis: RedisTestServer;
  const connections: Redis[] = [];
  const coordinators: Coordinator[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    redis = await startRedisTestServer();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(coordinators.map((c) => c.close(0)));
    for (const connection of connections) connection.disconnect();
    await redis?.stop();
  });

  function node(nodeId: string, config = {}): Coordinator {
    const connection = new Redis(redis.url);
    connections.push(connection);
    const coordinator = new Coordinator({
      config: { secure: false, model: TINY_MODEL, rounds: 2, ...config },
      store: new MemoryRoundStore(),
      nodeId,
      cluster: { redis: connection },
    });
    coordinators.push(coordinator);
    return coordinator;
  }

  it("io.to(room) on node A reaches a client of node B; closing node A leaves node B's clients connected", async () => {
    const a = node('node-a');
    const b = node('node-b');
    await a.listen();
    const { url: urlB } = await b.listen();
    const client = await enroll(urlB, 'on-b');
    sockets.push(client);
    // Node A knows of B's socket once the adapters exchanged heartbeats (fetchSockets asks every node).
    await waitFor('node A to see the socket of node B', 30_000, async () =>
      (await a.io.fetchSockets()).some((s) => s.id === client.id) ? true : undefined,
    );
    expect(a.io.sockets.sockets.size).toBe(0);
    const heard = new Promise<RunEndMessage>((resolve) => client.once('run-end', resolve));
    const message: RunEndMessage = {
      type: 'run-end',
      runId: 'run',
      reason: 'stopped',
      modelVersion: 0,
      rounds: 0,
      modelUrl: '/x',
    };
    a.io.to(client.id as string).emit('run-end', message);
    expect(await heard).toEqual(message);

    // A third node's message to the client travels the same Redis stream after A's close: once the client
    // hears it, node B has read whatever A published while closing.
    const c = node('node-c');
    await c.listen();
    let disconnectedBy: string | undefined;
    client.once('disconnect', (reason: string) => (disconnectedBy = reason));
    await a.close(0);
    const barrier = new Promise<RunEndMessage>((resolve) => client.once('run-end', resolve));
    await waitFor('node C to see the socket of node B', 30_000, async () =>
      (await c.io.fetchSockets()).some((s) => s.id === client.id) ? true : undefined,
    );
    c.io.to(client.id as string).emit('run-end', { ...message, modelVersion: 1 });
    expect((await barrier).modelVersion).toBe(1);
    expect(disconnectedBy).toBeUndefined();
    expect(client.connected).toBe(true);
    expect(b.connectedClients).toBe(1);
  });

  it("each node's dashboard feed stays on that node: a viewer of node A hears nothing of node B's clients", async () => {
    const a = node('node-f');
    const b = node('node-g');
    const c = node('node-h');
    for (const n of [a, b]) n.addHttpHandler(createDashboard(n).httpHandler);
    const [{ url: urlA }, { url: urlB }] = [await a.listen(), await b.listen(), await c.listen()];
    const viewer = (url: string): Promise<Socket> => {
      const socket = connectTo(`${url}/dashboard`, { transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      return new Promise((resolve) => socket.once('snapshot', () => resolve(socket)));
    };
    const viewerA = await viewer(urlA);
    const viewerB = await viewer(urlB);
    const heardByA: unknown[] = [];
    viewerA.on('clients', (info: unknown) => heardByA.push(info));
    const heardByB = new Promise((resolve) => viewerB.once('clients', resolve));
    sockets.push(await enroll(urlB, 'seen-by-b'));
    // Node B has emitted its clients batch (its own viewer heard it) ...
    expect(await heardByB).toEqual({ connected: 1 });
    // ... and a later message from node C through the Redis stream reaches viewer A after anything B published.
    const barrier = new Promise((resolve) => viewerA.once('run-end', resolve));
    await waitFor('node C to see viewer A', 30_000, async () =>
      (await c.io.of('/dashboard').fetchSockets()).some((s) => s.id === viewerA.id) ? true : undefined,
    );
    const marker: RunEndMessage = { type: 'run-end', runId: 'barrier', reason: 'stopped', modelVersion: 0, rounds: 0 };
    c.io
      .of('/dashboard')
      .to(viewerA.id as string)
      .emit('run-end', marker);
    expect(await barrier).toEqual(marker);
    expect(heardByA).toEqual([]);
  });

  it('keeps cross-node messages flowing through a Redis restart (SIGKILL, AOF on), and the nodes stay registered', async () => {
    const a = node('node-i');
    const b = node('node-j');
    await a.listen();
    const { url: urlB } = await b.listen();
    const client = await enroll(urlB, 'through-restart');
    sockets.push(client);
    const message: RunEndMessage = { type: 'run-end', runId: 'run', reason: 'stopped', modelVersion: 7, rounds: 7 };
    // A first message through the stream: once node B has read an entry, its reader holds a position
    // in the stream. Before that it reads from "$" (entries newer than its next read) and may miss what
    // lands while it reconnects: heartbeats and fetchSockets go through Pub/Sub and do not move it.
    const first = new Promise<RunEndMessage>((resolve) => client.once('run-end', resolve));
    a.io.to(client.id as string).emit('run-end', { ...message, modelVersion: 6 });
    expect((await first).modelVersion).toBe(6);
    await redis.restart('SIGKILL');
    // Node A's message is queued until its connection is back, then appended to the stream, which
    // node B reads from where it left off once its own reader is back. Delivery is at least once:
    // when the kill lands before node A has read XADD's reply for the first message, ioredis sends
    // that XADD again on reconnecting, and the client hears the first message twice.
    const heard = new Promise<RunEndMessage>((resolve) =>
      client.on('run-end', (received: RunEndMessage) => received.modelVersion !== 6 && resolve(received)),
    );
    a.io.to(client.id as string).emit('run-end', message);
    expect(await heard).toEqual(message);
    expect(client.connected).toBe(true);
    const check = new Redis(redis.url);
    try {
      expect(await check.zrange('edgefl:nodes', '0', '-1')).toEqual(expect.arrayContaining(['node-i', 'node-j']));
      expect(await check.exists('edgefl:node:node-i', 'edgefl:node:node-j')).toBe(2);
    } finally {
      check.disconnect();
    }
  });

  it('refuses through listen() a node id already live, and a node with a different run configuration', async () => {
    await node('node-e').listen();
    await expect(node('node-e').listen()).rejects.toThrow(/node id node-e is taken/);
    await expect(node('node-d', { rounds: 3 }).listen()).rejects.toThrow(/rounds: the run has 2, this node 3/);
  });
});
