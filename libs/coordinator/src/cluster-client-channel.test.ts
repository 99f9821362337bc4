import { EventEmitter, once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import type { ClientToServerEvents, GoalMetMessage, ServerToClientEvents } from '@edgefl/protocol';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { ClientRegistry } from './client-registry';
import type { ClientSession } from './client-session';
import { ClusterClientChannel, clientRoom } from './cluster-client-channel';
import { ClusterRoster } from './cluster-roster';
import { silentLogger } from './coordinator-logger';
import { createRedisSocketAdapter } from './redis-socket-adapter';

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
  io.adapter(createRedisSocketAdapter(redis, { prefix: PREFIX }));
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
      redis.disconnect();
    },
  };
}

describe('ClusterClientChannel (real redis-server, three socket.io servers)', () => {
  let server: RedisTestServer;
  let redis: Redis;
  const nodes = new Map<NodeId, TestNode>();
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startRedisTestServer();
    redis = new Redis(server.url);
    for (const id of NODES) nodes.set(id, await startNode(server.url));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const node of nodes.values()) await node.close();
    // The adapters' stream readers stop once their blocking XREAD returns: an entry wakes them now.
    await redis.xadd(`${PREFIX}socket.io`, '*', 'wake', '1');
    while (
      String(await redis.client('LIST'))
        .trim()
        .split('\n').length > 1
    )
      await new Promise((done) => setTimeout(done, 10));
    redis.disconnect();
    await server.stop();
  });

  /** A client connected to `nodeId`, recording the goal-met messages it receives; `until(n)` resolves once it has n. */
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
    await registered;
    const until = async (count: number): Promise<void> => {
      while (received.length < count) await once(heard, 'goal-met');
    };
    return { socket, received, until };
  }

  /** Stream entries that carry a goal-met message. */
  async function goalMetEntries(): Promise<number> {
    const entries = await redis.xrange(`${PREFIX}socket.io`, '-', '+');
    return entries.filter(([, fields]) => fields.some((field) => field.includes('goal-met'))).length;
  }

  it('sends one message to clients on every node with one stream entry, reaches a client that moved, and skips one on no node', async () => {
    const leaderNode = nodes.get('node-a');
    if (!leaderNode) throw new Error('node-a');
    const roster = new ClusterRoster(redis, PREFIX);
    const channel = new ClusterClientChannel({
      io: leaderNode.io,
      registry: leaderNode.registry,
      roster,
      liveNodes: async () => [...NODES],
      nodeId: 'node-a',
      leader: { leading: true },
      logger: silentLogger,
    });
    const local = await client('node-a', 'p1');
    const onB = await client('node-b', 'p2');
    const onC = await client('node-c', 'p3');
    await roster.add('node-b', { clientId: 'p2' }, 1);
    await roster.add('node-c', { clientId: 'p3' }, 2);
    await channel.refresh();
    expect(channel.connected().map((entry) => entry.clientId)).toEqual(['p1', 'p2', 'p3']);

    const message = (roundId: string): GoalMetMessage => ({ type: 'goal-met', roundId, round: 1 });
    const before = await goalMetEntries();
    expect(channel.sendToEach(['p1', 'p2', 'p3', 'ghost'], 'goal-met', message('r1'))).toEqual(['p1', 'p2', 'p3']);
    await Promise.all([local, onB, onC].map(({ until }) => until(1)));
    expect(await goalMetEntries()).toBe(before + 1);

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
    expect(await goalMetEntries()).toBe(before + 4);
    channel.stop();
  });
});
