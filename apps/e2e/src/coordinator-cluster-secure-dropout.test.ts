import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { FederatedClient, generateIdentity } from '@edgefl/client';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { RedisRoundStore } from '@edgefl/coordinator-store/node';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { RoundStage } from '@edgefl/protocol';
import { LightTrainer } from '@edgefl/simulation';
import { CoordinatorProcess, waitFor } from './support/coordinator-restart';
import { RedisWithRunDir } from './support/redis-with-run-dir';
import { tinyDataset } from './support/tiny-dataset';

const ROOT = resolve(__dirname, '../../..');
const MODEL = ['--input-size', '16', '--widths', '8,16'];

/** What one run committed and logged. */
interface DropoutRun {
  records: RoundRecord[];
  weights?: Float32Array;
  /** The node the dropper connected to was a follower (or the only node). */
  dropperOnLeader: boolean;
  folded: boolean;
  /** The leader's `secure stage closed` entries of the masked-input stage, by round. */
  maskedInputClosed: Record<string, unknown>[];
}

/**
 * Three secure rounds on `nodeCount` CLI nodes over one redis-server: 6 light simulator clients
 * (spread over the nodes), and once round 1's cohort is fixed a seventh client, `dropper`, on a
 * follower (or the only node): it is in round 2's cohort, shares its keys and vanishes right
 * before sending its masked input. Rounds 1 and 3 have the 6, round 2 the 7 minus the dropper.
 */
async function runWithDropper(redis: RedisTestServer, out: string, nodeCount: number): Promise<DropoutRun> {
  const nodes: CoordinatorProcess[] = [];
  let simulator: ChildProcess | undefined;
  let dropper: FederatedClient | undefined;
  try {
    const ports: number[] = [];
    for (let i = 0; i < nodeCount; i++) {
      const node = new CoordinatorProcess([
        ...['--port', '0', '--redis', redis.url, '--node-id', `node-${i}`, '--secure', '--eval-dataset', 'none'],
        ...[...MODEL, '--rounds', '3', '--per-round', '7', '--min-reports', '6', '--round-timeout', '20000'],
        ...['--log-level', 'info'],
      ]);
      nodes.push(node);
      ports.push(await node.ready);
    }
    const log: string[] = [];
    simulator = spawn(
      process.execPath,
      [
        ...['--require', 'tsx/cjs', join(ROOT, 'apps/simulator/src/main.ts')],
        ...['--coordinator', ports.map((port) => `http://127.0.0.1:${port}`).join(',')],
        ...['--light', '--light-delay', '3000', '--clients', '6', '--threads', '1', '--out', out, ...MODEL],
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const simulatorExit = new Promise((done) => simulator?.once('exit', done));
    simulator.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
    simulator.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
    const logs = (): string => `${log.join('')}\n${nodes.map((node) => node.tail()).join('\n')}`;
    // Round 1's cohort is fixed once its key advertisement closed; its clients then train for 3 s.
    const leader = await waitFor(
      "round 1's advertise-keys stage to close",
      200_000,
      () =>
        nodes.find((node) =>
          node.lines.some(
            (line) => line.includes('"secure stage closed"') && line.includes('"stage":"advertise-keys"'),
          ),
        ),
      logs,
    );
    const host = nodes.find((node) => node !== leader) ?? leader;
    dropper = new FederatedClient({
      url: `http://127.0.0.1:${ports[nodes.indexOf(host)]}`,
      data: tinyDataset(40, 16),
      clientId: 'dropper',
      identity: generateIdentity(new Uint8Array(32).fill(7)),
      trainer: new LightTrainer(),
      platform: 'edgefl-e2e',
    });
    const client = dropper;
    client.on('secure-stage', ({ stage }) => {
      if (stage === RoundStage.MaskedInput) client.stop();
    });
    client.on('error', () => undefined);
    const dropperRun = client.run().catch(() => undefined);
    await waitFor(
      'every node to end the run',
      200_000,
      () => (nodes.every((n) => !n.running) ? true : undefined),
      logs,
    );
    await dropperRun;
    expect(await Promise.all(nodes.map((node) => node.exited))).toEqual(nodes.map(() => 0));
    expect(await simulatorExit).toBe(0);
    const store = await RedisRoundStore.connect(redis.url);
    try {
      return {
        records: (await store.rounds()).filter((record) => record.outcome === 'completed'),
        weights: (await store.latestCheckpoint())?.weights,
        dropperOnLeader: host === leader,
        folded: leader.logged('folded the masked partial sums of other nodes') !== undefined,
        maskedInputClosed: leader.lines
          .filter((line) => line.startsWith('{') && line.includes('"secure stage closed"'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((entry) => entry.stage === 'masked-input'),
      };
    } finally {
      await store.close();
    }
  } finally {
    dropper?.stop();
    if (simulator && simulator.exitCode === null && simulator.signalCode === null) {
      const exited = new Promise((done) => simulator?.once('exit', done));
      simulator.kill('SIGKILL');
      await exited;
    }
    await Promise.all(nodes.map((node) => node.kill()));
  }
}

describe('secure edge pre-aggregation with a masked-input dropout on a follower (real redis-server, CLI nodes)', () => {
  const world = new RedisWithRunDir();

  beforeEach(() => world.start('cluster-secure-dropout'));
  afterEach(() => world.stop());

  it('a follower client that vanishes before its masked input drops out; the committed model is bit for bit the one node-only run', async () => {
    const spread = await runWithDropper(world.redis, world.out, 3);
    await world.restartRedis();
    const single = await runWithDropper(world.redis, world.out, 1);
    for (const run of [spread, single]) {
      expect(run.records.map((record) => [record.modelVersion, record.participants, record.dropped])).toEqual([
        [1, 6, 0],
        [2, 6, 1],
        [3, 6, 0],
      ]);
      // Round 2's masked-input stage closed with the dropper out (7 answered the key stages).
      expect(run.maskedInputClosed.map((entry) => [entry.answered, entry.dropped])).toEqual([
        [6, 0],
        [6, 1],
        [6, 0],
      ]);
    }
    expect([spread.dropperOnLeader, spread.folded, single.folded]).toEqual([false, true, false]);
    expect(spread.weights).toBeDefined();
    expect(
      Buffer.from((spread.weights as Float32Array).buffer).equals(Buffer.from((single.weights as Float32Array).buffer)),
    ).toBe(true);
  }, 900_000);
});
