import { EventEmitter, once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import type { ClientToServerEvents, GoalMetMessage, ServerToClientEvents, TaskMessage } from '@edgefl/protocol';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { ClientRegistry } from './client-registry';
import type { ClientSession } from './client-session';
import { ClusterClientChannel, clientRoom } from './cluster-client-channel';
import { ClusterRoster } from './cluster-roster';
import { silentLogger } from './coordinator-logger';
import { RedisSocketAdapter } from './redis-socket-adapter';

const PREFIX = 'channel-test:';
const NODES = ['node-a', 'node-b', 'node-c'] as const;
type NodeId = (typeof NODES)[number];

/** One socket.io server on the Redis adapter: each connection (auth `clientId`) joins its client room and registry. */
interface TestNode {
  url: string;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  registry: ClientRegistry;
  /** Emits a client id once its connection is in the registry. */
  registered: EventEmitter;
  close(): Promise<void>;
}

async function startNode(redisUrl: string): Promise<TestNode> {
  const http = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
  const redis = new Redis(redisUrl);
  const adapter = new RedisSocketAdapter(redis, { prefix: PREFIX });
  io.adapter(adapter.factory);
  const registry = new ClientRegistry();
  const registered = new EventEmitter();
  io.on('connection', (socket) => {
    const clientId = String((socket.handshake.auth as { clientId?: unknown }).clientId);
    void socket.join(clientRoom(clientId));
    const session: ClientSession = { clientId, socket, agent: { sdk: 'test' }, protocolVersion: 1, connectedAt: 0 };
    registry.add(session);
    registered.emit(clientId);
    socket.on('disconnect', () => registry.remove(session));
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    io,
    registry,
    registered,
    close: async () => {
      await io.close();
      await adapter.close();
      redis.disconnect();
    },
  };
}

describe('ClusterClientChannel (real redis-server, three socket.io servers)', () => {
  let server: RedisTestServer;
  let redis: Redis;
  const nodes = new Map<NodeId, TestNode>();
  const sockets: ClientSocket[] = [];
  /** node-a's channel: it leads. Every node has one (each delivers the fan-outs to its clients). */
  let channel: ClusterClientChannel;
  let roster: ClusterRoster;

  beforeAll(async () => {
    server = await startRedisTestServer();
    redis = new Redis(server.url);
    for (const id of NODES) nodes.set(id, await startNode(server.url));
    roster = new ClusterRoster(redis, PREFIX);
    const channels = NODES.map((nodeId) => {
      const node = nodes.get(nodeId) as TestNode;
      return new ClusterClientChannel({
        io: node.io,
        registry: node.registry,
        roster,
        liveNodes: async () => [...NODES],
        nodeId,
        leader: { leading: nodeId === 'node-a' },
        logger: silentLogger,
      });
    });
    channel = channels[0];
  });

  afterAll(async () => {
    channel.stop();
    for (const socket of sockets) socket.disconnect();
    // Each node's close() ends its adapter's stream reader and subscriber.
    for (const node of nodes.values()) await node.close();
    redis.disconnect();
    await server.stop();
  });

  /** A client connected to `nodeId`, recording the goal-met and task messages it receives; `until(n)` resolves once it has n. */
  async function client(
    nodeId: NodeId,
    clientId: string,
  ): Promise<{ socket: ClientSocket; received: string[]; until(count: number): Promise<void> }> {
    const node = nodes.get(nodeId);
    if (!node) throw new Error(nodeId);
    const registered = once(node.registered, clientId);
    const socket = connect(node.url, { transports: ['websocket'], forceNew: true, auth: { clientId } });
    sockets.push(socket);
    const received: string[] = [];
    const heard = new EventEmitter();
    socket.on('goal-met', (message: GoalMetMessage) => {
      received.push(message.roundId);
      heard.emit('goal-met');
    });
    socket.on('task', (message: TaskMessage) => {
      received.push(`task ${message.roundId} seed ${message.seed} weights ${message.weights?.join(',')}`);
      heard.emit('goal-met');
    });
    await registered;
    const until = async (count: number): Promise<void> => {
      while (received.length < count) await once(heard, 'goal-met');
    };
    return { socket, received, until };
  }

  /** Broadcast entries of the adapter's stream (socket.io-adapter's MessageType.BROADCAST is 3; heartbeats are 2). */
  async function broadcastEntries(): Promise<number> {
    const entries = await redis.xrange(`${PREFIX}socket.io`, '-', '+');
    return entries.filter(([, fields]) => fields[fields.indexOf('type') + 1] === '3').length;
  }

  it('sends one message to clients on every node with one stream entry, reaches a client that moved, and skips one on no node', async () => {
    const local = await client('node-a', 'p1');
    const onB = await client('node-b', 'p2');
    const onC = await client('node-c', 'p3');
    await roster.add('node-b', { clientId: 'p2' }, 1);
    await roster.add('node-c', { clientId: 'p3' }, 2);
    await channel.refresh();
    expect(channel.connected().map((entry) => entry.clientId)).toEqual(['p1', 'p2', 'p3']);

    const message = (roundId: string): GoalMetMessage => ({ type: 'goal-met', roundId, round: 1 });
    const before = await broadcastEntries();
    expect(channel.sendToEach(['p1', 'p2', 'p3', 'ghost'], 'goal-met', message('r1'))).toEqual(['p1', 'p2', 'p3']);
    await Promise.all([local, onB, onC].map(({ until }) => until(1)));
    expect(await broadcastEntries()).toBe(before + 1);

    // p2 moves from node-b to node-c; p3 leaves and is on no node.
    onB.socket.disconnect();
    await roster.remove('node-b', 'p2');
    const moved = await client('node-c', 'p2');
    await roster.add('node-c', { clientId: 'p2' }, 3);
    onC.socket.disconnect();
    await roster.remove('node-c', 'p3');
    await channel.refresh();
    expect(channel.sendToEach(['p1', 'p2', 'p3', 'p2'], 'goal-met', message('r2'))).toEqual(['p1', 'p2']);
    // A last message to each: once it is in, everything sent before it is too (one publisher, one stream, in order).
    channel.send('p1', 'goal-met', message('end'));
    channel.send('p2', 'goal-met', message('end'));
    await Promise.all([local.until(3), moved.until(2)]);
    expect(local.received).toEqual(['r1', 'r2', 'end']);
    expect(onB.received).toEqual(['r1']);
    expect(moved.received).toEqual(['r2', 'end']);
    expect(onC.received).toEqual(['r1']);
    expect(await broadcastEntries()).toBe(before + 4);
  });

  it('sends each client its own fields beside one shared message, the shared part once for all nodes (one stream entry)', async () => {
    const task = (round: number): TaskMessage => ({
      type: 'task',
      runId: 'run',
      roundId: `run/${round}/1`,
      round,
      attempt: 1,
      modelVersion: round - 1,
      model: { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 },
      weights: new Uint8Array([1, 2, 3, round]),
      training: { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' },
      encoding: { kind: 'float32' },
      timeoutMs: 1000,
      seed: 0,
    });
    const own = (entries: Array<[string, number]>): Map<string, Partial<TaskMessage>> =>
      new Map(entries.map(([clientId, seed]) => [clientId, { seed }]));
    const local = await client('node-a', 'q1');
    const onB = await client('node-b', 'q2');
    const onC = await client('node-c', 'q3');
    await roster.add('node-b', { clientId: 'q2' }, 11);
    await roster.add('node-c', { clientId: 'q3' }, 12);
    await channel.refresh();
    const before = await broadcastEntries();
    const first = own([
      ['q1', 1],
      ['q2', 2],
      ['q3', 3],
      ['ghost', 4],
    ]);
    expect(channel.sendEach('task', task(1), first)).toEqual(['q1', 'q2', 'q3']);
    await Promise.all([local, onB, onC].map(({ until }) => until(1)));
    expect([local, onB, onC].map(({ received }) => received)).toEqual([
      ['task run/1/1 seed 1 weights 1,2,3,1'],
      ['task run/1/1 seed 2 weights 1,2,3,1'],
      ['task run/1/1 seed 3 weights 1,2,3,1'],
    ]);
    expect(await broadcastEntries()).toBe(before + 1); // q1 is local: no entry of its own

    // q2 moves from node-b to node-c; q3 leaves and is on no node.
    onB.socket.disconnect();
    await roster.remove('node-b', 'q2');
    const moved = await client('node-c', 'q2');
    await roster.add('node-c', { clientId: 'q2' }, 13);
    onC.socket.disconnect();
    await roster.remove('node-c', 'q3');
    await channel.refresh();
    expect(
      channel.sendEach(
        'task',
        task(2),
        own([
          ['q1', 5],
          ['q2', 6],
          ['q3', 7],
        ]),
      ),
    ).toEqual(['q1', 'q2']);
    channel.send('q1', 'goal-met', { type: 'goal-met', roundId: 'end', round: 2 });
    channel.send('q2', 'goal-met', { type: 'goal-met', roundId: 'end', round: 2 });
    await Promise.all([local.until(3), moved.until(2)]);
    expect(local.received.slice(1)).toEqual(['task run/2/1 seed 5 weights 1,2,3,2', 'end']);
    expect(moved.received).toEqual(['task run/2/1 seed 6 weights 1,2,3,2', 'end']);
    expect(onB.received).toHaveLength(1);
    expect(onC.received).toHaveLength(1);
    expect(await broadcastEntries()).toBe(before + 4);
  });
});
