import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RedisRoundStore } from '@edgefl/coordinator-store/node';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { CoordinatorProcess, restartTestFlags, status, waitFor } from './support/coordinator-restart';

const ROOT = resolve(__dirname, '../../..');

/** GET /metrics of a node: the value of `edgefl_clients_connected`. */
function clientsConnectedMetric(port: number): Promise<number | undefined> {
  return new Promise((done) => {
    get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        const match = /^edgefl_clients_connected (\d+)$/m.exec(body);
        done(match ? Number(match[1]) : undefined);
      });
    }).on('error', () => done(undefined));
  });
}

describe('edgefl-sim --coordinator URL1,URL2 against two coordinator nodes on one Redis', () => {
  let redis: RedisTestServer;
  const nodes: CoordinatorProcess[] = [];
  let simulator: ChildProcess | undefined;
  let out: string;

  beforeAll(async () => {
    redis = await startRedisTestServer();
    out = mkdtempSync(join(tmpdir(), 'edgefl-sim-spread-'));
  });

  afterAll(async () => {
    if (simulator && simulator.exitCode === null) {
      const exited = new Promise((done) => simulator?.once('exit', done));
      simulator.kill('SIGKILL');
      await exited;
    }
    await Promise.all(nodes.map((node) => node.kill()));
    const store = await RedisRoundStore.connect(redis.url);
    await store.redis.flushall();
    await store.close();
    await redis?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('spreads 7 clients round-robin (4 on the first node, 3 on the second); each node counts its own', async () => {
    const ports: number[] = [];
    for (const i of [0, 1]) {
      // No round starts: each node waits for more clients than the simulator brings.
      const node = new CoordinatorProcess([
        ...restartTestFlags(4, ['--redis', redis.url]),
        ...['--node-id', `node-${i}`, '--wait-for-clients', '1000'],
      ]);
      nodes.push(node);
      const port = await node.ready;
      ports.push(port);
      await waitFor(
        'the node to serve',
        60_000,
        () => status(port),
        () => node.tail(),
      );
    }
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    const simulatorLog: string[] = [];
    simulator = spawn(
      process.execPath,
      [
        ...['--require', 'tsx/cjs', join(ROOT, 'apps/simulator/src/main.ts')],
        ...['--coordinator', urls.join(','), '--light', '--clients', '7', '--threads', '1', '--out', out],
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    simulator.stdout?.on('data', (chunk: Buffer) => simulatorLog.push(chunk.toString('utf8')));
    simulator.stderr?.on('data', (chunk: Buffer) => simulatorLog.push(chunk.toString('utf8')));

    const counts = await waitFor(
      'both nodes to hold their share of the clients',
      60_000,
      async () => {
        const [a, b] = await Promise.all(ports.map((port) => status(port)));
        return a?.clientsConnected === 4 && b?.clientsConnected === 3 ? [a, b] : undefined;
      },
      () => `${simulatorLog.join('')}\n${nodes.map((node) => node.tail()).join('\n')}`,
    );
    expect(counts.map((s) => [s.nodeId, s.clientsConnected])).toEqual([
      ['node-0', 4],
      ['node-1', 3],
    ]);
    // The node-level Prometheus gauge agrees.
    expect(await Promise.all(ports.map(clientsConnectedMetric))).toEqual([4, 3]);
    // Both nodes enrolled their clients into the one registry in Redis.
    const store = await RedisRoundStore.connect(redis.url);
    try {
      expect((await store.listClients()).map((c) => c.clientId).sort()).toEqual([
        'sim-0',
        'sim-1',
        'sim-2',
        'sim-3',
        'sim-4',
        'sim-5',
        'sim-6',
      ]);
    } finally {
      await store.close();
    }
  });
});
