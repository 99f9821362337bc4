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

/** Resolves once the simulator exits, with its code. */
function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

describe('rounds across three coordinator nodes on one Redis (one leader, followers relaying)', () => {
  let redis: RedisTestServer;
  const nodes: CoordinatorProcess[] = [];
  let simulator: ChildProcess | undefined;
  let out: string;

  beforeEach(async () => {
    redis = await startRedisTestServer();
    out = mkdtempSync(join(tmpdir(), 'edgefl-cluster-rounds-'));
  });

  afterEach(async () => {
    if (simulator && simulator.exitCode === null) {
      const exited = exitOf(simulator);
      simulator.kill('SIGKILL');
      await exited;
    }
    await Promise.all(nodes.splice(0).map((node) => node.kill()));
    await redis?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  for (const mode of ['plain', 'secure'] as const) {
    it(`${mode}: one node takes the lease and runs every round over the clients of all three; each version is committed once and every node ends`, async () => {
      const ports: number[] = [];
      for (const i of [0, 1, 2]) {
        const node = new CoordinatorProcess([
          ...restartTestFlags(3, ['--redis', redis.url], [`--${mode === 'plain' ? 'no-' : ''}secure`]),
          ...['--node-id', `node-${i}`],
        ]);
        nodes.push(node);
        ports.push(await node.ready);
      }
      const urls = ports.map((port) => `http://127.0.0.1:${port}`);
      const simulatorLog: string[] = [];
      simulator = spawn(
        process.execPath,
        [
          ...['--require', 'tsx/cjs', join(ROOT, 'apps/simulator/src/main.ts')],
          ...['--coordinator', urls.join(','), '--light', '--clients', '6', '--threads', '1', '--out', out],
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const simulatorExit = exitOf(simulator);
      simulator.stdout?.on('data', (chunk: Buffer) => simulatorLog.push(chunk.toString('utf8')));
      simulator.stderr?.on('data', (chunk: Buffer) => simulatorLog.push(chunk.toString('utf8')));
      await waitFor(
        'every node to end the run',
        200_000,
        () => (nodes.every((node) => !node.running) ? true : undefined),
        () => `${simulatorLog.join('')}\n${nodes.map((node) => node.tail()).join('\n')}`,
      );
      const codes = await Promise.all(nodes.map((node) => node.exited));
      expect({ codes, logs: codes.every((code) => code === 0) ? '' : nodes.map((n) => n.tail()).join('\n') }).toEqual({
        codes: [0, 0, 0],
        logs: '',
      });
      const leaders = nodes.filter((node) => node.logged('took the leader lease: this node runs the rounds'));
      // The leader, and each follower in turn once the run was over (it finds the run complete and ends).
      expect(leaders.length).toBe(3);
      for (const node of nodes)
        expect(node.logged('run finished')).toMatchObject({ reason: 'completed', modelVersion: 3 });
      const store = await RedisRoundStore.connect(redis.url);
      try {
        const records = await store.rounds();
        const completed = records.filter((record) => record.outcome === 'completed');
        expect(completed.map((record) => record.modelVersion)).toEqual([1, 2, 3]);
        // A plain round closes at the goal; a secure round sums every over-selected survivor's input.
        for (const record of completed)
          expect(mode === 'plain' ? record.participants === 3 : record.participants >= 3).toBe(true);
        expect((await store.latestCheckpoint())?.version).toBe(3);
      } finally {
        await store.close();
      }
      expect(await simulatorExit).toBe(0);
    }, 360_000);
  }
});
