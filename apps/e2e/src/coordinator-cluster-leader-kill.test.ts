import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RedisRoundStore } from '@edgefl/coordinator-store/node';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { CoordinatorProcess, restartTestFlags, waitFor } from './support/coordinator-restart';

const ROOT = resolve(__dirname, '../../..');
/** The coordinator's default leader lease TTL (`CoordinatorClusterOptions.leaseTtlMs`). */
const LEASE_TTL_MS = 6_000;
const TOOK_LEASE = 'took the leader lease: this node runs the rounds';

/** The `time` of the first log entry of `node` with message `msg` and, when given, `roundId`. */
function loggedAt(node: CoordinatorProcess, msg: string, roundId?: string): number | undefined {
  for (const line of node.lines) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; roundId?: string; time?: number };
    if (entry.msg === msg && (roundId === undefined || entry.roundId === roundId)) return entry.time;
  }
  return undefined;
}

describe('SIGKILL of the leader node mid-round (three coordinator nodes on one Redis)', () => {
  let redis: RedisTestServer;
  const nodes: CoordinatorProcess[] = [];
  let simulator: ChildProcess | undefined;
  let out: string;

  beforeEach(async () => {
    redis = await startRedisTestServer();
    out = mkdtempSync(join(tmpdir(), 'edgefl-cluster-leader-kill-'));
  });

  afterEach(async () => {
    if (simulator && simulator.exitCode === null) {
      const exited = new Promise((done) => simulator?.once('exit', done));
      simulator.kill('SIGKILL');
      await exited;
    }
    await Promise.all(nodes.splice(0).map((node) => node.kill()));
    await redis?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  for (const mode of ['plain', 'secure'] as const) {
    it(`${mode}: another node takes the lease within 2x its TTL, the open round is run again, each version is committed once and the run finishes`, async () => {
      const ports: number[] = [];
      for (const i of [0, 1, 2]) {
        const node = new CoordinatorProcess([
          ...restartTestFlags(4, ['--redis', redis.url], [`--${mode === 'plain' ? 'no-' : ''}secure`]),
          ...['--node-id', `node-${i}`],
        ]);
        nodes.push(node);
        ports.push(await node.ready);
      }
      const leader = await waitFor(
        'a node to take the lease',
        60_000,
        () => nodes.find((node) => loggedAt(node, TOOK_LEASE) !== undefined),
        () => nodes.map((node) => node.tail()).join('\n'),
      );
      // The simulator follows the run through its first URL: the leader's goes last, so the kill leaves it.
      const order = [...nodes.keys()].sort((a, b) => Number(nodes[a] === leader) - Number(nodes[b] === leader));
      const urls = order.map((i) => `http://127.0.0.1:${ports[i]}`);
      const simulatorLog: string[] = [];
      // Nine clients, three per node: after the leader's three are gone six remain, above the three a round needs.
      simulator = spawn(
        process.execPath,
        [
          ...['--require', 'tsx/cjs', join(ROOT, 'apps/simulator/src/main.ts')],
          ...['--coordinator', urls.join(','), '--light', '--clients', '9', '--threads', '1', '--out', out],
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      simulator.stdout?.on('data', (chunk: Buffer) => simulatorLog.push(chunk.toString('utf8')));
      simulator.stderr?.on('data', (chunk: Buffer) => simulatorLog.push(chunk.toString('utf8')));
      const logs = (): string => `${simulatorLog.join('')}\n${nodes.map((node) => node.tail()).join('\n')}`;

      // The leader is in round 2 (round 1 committed): kill it there.
      await waitFor(
        'the leader to open round 2',
        200_000,
        () => loggedAt(leader, mode === 'plain' ? 'round configured' : 'secure round configured', 'run/2/1'),
        logs,
      );
      await leader.kill();
      const killedAt = Date.now();
      const survivors = nodes.filter((node) => node !== leader);
      const successor = await waitFor(
        'another node to take the lease',
        60_000,
        () => survivors.find((node) => loggedAt(node, TOOK_LEASE) !== undefined),
        logs,
      );
      expect((loggedAt(successor, TOOK_LEASE) ?? Infinity) - killedAt).toBeLessThan(2 * LEASE_TTL_MS);

      await waitFor(
        'the surviving nodes to end the run',
        200_000,
        () => (survivors.every((node) => !node.running) ? true : undefined),
        logs,
      );
      expect(await Promise.all(survivors.map((node) => node.exited))).toEqual([0, 0]);
      for (const node of survivors)
        expect(node.logged('run finished')).toMatchObject({ reason: 'completed', modelVersion: 4 });
      const store = await RedisRoundStore.connect(redis.url);
      try {
        const completed = (await store.rounds()).filter((record) => record.outcome === 'completed');
        // Nothing counted twice: the killed leader never committed round 2, its successor did, once.
        expect(completed.map((record) => record.modelVersion)).toEqual([1, 2, 3, 4]);
        expect((await store.latestCheckpoint())?.version).toBe(4);
      } finally {
        await store.close();
      }
    }, 480_000);
  }
});
