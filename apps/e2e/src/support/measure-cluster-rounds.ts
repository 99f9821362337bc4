import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { RedisRoundStore, RedisTrafficMeter } from '@edgefl/coordinator-store/node';
import type { RedisTraffic } from '@edgefl/coordinator-store/node';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { CoordinatorProcess, waitFor } from './coordinator-restart';

const ROOT = resolve(__dirname, '../../../..');

/** What {@link measureClusterRounds} runs. */
export interface ClusterRoundsRun {
  redis: RedisTestServer;
  /** Where the simulator writes its run files. */
  out: string;
  /** Light simulator clients, spread over the nodes; every round takes all of them. */
  clients: number;
  rounds: number;
  /** The model flags both the nodes and the simulator take (e.g. `--input-size 16 --widths 8,16`). */
  model: string[];
  /** More coordinator flags (e.g. `--aggregator median`). */
  extra?: string[];
  /** Nodes (default 3). */
  nodes?: number;
  /** Secure (SecAgg+) rounds instead of plain ones. */
  secure?: boolean;
}

/** What went through Redis per round, and what the run committed. */
export interface ClusterRoundsMeasured {
  /** Redis traffic from the end of round 1 to the end of the last round, divided by the rounds between. */
  perRound: RedisTraffic;
  /** Participants of each committed round, in order. */
  participants: number[];
  /** The leader folded partial sums of other nodes (edge pre-aggregation ran; secure: masked partial sums). */
  folded: boolean;
  /** The last committed model's weights. */
  weights?: Float32Array;
  /** Every node's log lines, for further checks. */
  lines: string[][];
  /** The simulator's output. */
  simulatorLog: string;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

/** The completed rounds the nodes logged (`round ended`), across all of them. */
function completedRounds(nodes: CoordinatorProcess[]): number {
  let count = 0;
  for (const node of nodes)
    for (const line of node.lines)
      if (line.startsWith('{') && line.includes('"round ended"') && line.includes('"outcome":"completed"')) count++;
  return count;
}

/**
 * Runs `rounds` plain rounds of every client on coordinator nodes over one real Redis (the CLI
 * nodes and the simulator as child processes) and measures Redis's own counters from the end of
 * round 1 (connections and enrollment done) to the end of the last. Checks that every node and
 * the simulator exit 0 and that rounds 1..rounds were committed; kills whatever it started.
 *
 * @example
 * const { perRound } = await measureClusterRounds({ redis, out, clients: 6, rounds: 4, model: ['--input-size', '16'] });
 */
export async function measureClusterRounds(run: ClusterRoundsRun): Promise<ClusterRoundsMeasured> {
  const nodes: CoordinatorProcess[] = [];
  let simulator: ChildProcess | undefined;
  const store = await RedisRoundStore.connect(run.redis.url);
  try {
    const ports: number[] = [];
    for (let i = 0; i < (run.nodes ?? 3); i++) {
      const node = new CoordinatorProcess([
        ...[
          '--port',
          '0',
          '--redis',
          run.redis.url,
          '--node-id',
          `node-${i}`,
          run.secure ? '--secure' : '--no-secure',
          ...(run.extra ?? []),
        ],
        ...['--eval-dataset', 'none', ...run.model],
        ...['--rounds', String(run.rounds), '--per-round', String(run.clients), '--min-reports', String(run.clients)],
        ...['--round-timeout', '20000', '--log-level', 'info'],
      ]);
      nodes.push(node);
      ports.push(await node.ready);
    }
    const meter = new RedisTrafficMeter(store.redis);
    const log: string[] = [];
    simulator = spawn(
      process.execPath,
      [
        ...['--require', 'tsx/cjs', join(ROOT, 'apps/simulator/src/main.ts')],
        ...['--coordinator', ports.map((port) => `http://127.0.0.1:${port}`).join(',')],
        ...['--light', '--clients', String(run.clients), '--threads', '1', '--out', run.out, ...run.model],
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const simulatorExit = exitOf(simulator);
    simulator.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
    simulator.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
    const logs = (): string => `${log.join('')}\n${nodes.map((node) => node.tail()).join('\n')}`;
    await waitFor('round 1 to end', 200_000, () => (completedRounds(nodes) >= 1 ? true : undefined), logs);
    const before = await meter.snapshot();
    await waitFor(
      `round ${run.rounds} to end`,
      200_000,
      () => (completedRounds(nodes) >= run.rounds ? true : undefined),
      logs,
    );
    const traffic = meter.between(before, await meter.snapshot());
    await waitFor(
      'every node to end the run',
      200_000,
      () => (nodes.every((n) => !n.running) ? true : undefined),
      logs,
    );
    expect(await Promise.all(nodes.map((node) => node.exited))).toEqual(nodes.map(() => 0));
    expect(await simulatorExit).toBe(0);
    const records = (await store.rounds()).filter((record) => record.outcome === 'completed');
    expect(records.map((record) => record.modelVersion)).toEqual(Array.from({ length: run.rounds }, (_, i) => i + 1));
    const measured = run.rounds - 1;
    const folding = run.secure
      ? 'folded the masked partial sums of other nodes'
      : 'folded the partial sums of other nodes';
    return {
      perRound: {
        inputBytes: Math.round(traffic.inputBytes / measured),
        outputBytes: Math.round(traffic.outputBytes / measured),
        commands: Math.round(traffic.commands / measured),
        calls: traffic.calls,
      },
      participants: records.map((record) => record.participants),
      folded: nodes.some((node) => node.logged(folding) !== undefined),
      weights: (await store.latestCheckpoint())?.weights,
      lines: nodes.map((node) => [...node.lines]),
      simulatorLog: log.join(''),
    };
  } finally {
    await store.close();
    if (simulator && simulator.exitCode === null && simulator.signalCode === null) {
      const exited = exitOf(simulator);
      simulator.kill('SIGKILL');
      await exited;
    }
    await Promise.all(nodes.map((node) => node.kill()));
  }
}
