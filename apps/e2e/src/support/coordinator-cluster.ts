import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { RedisRoundStore } from '@edgefl/coordinator-store/node';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { CoordinatorProcess, restartTestFlags, waitFor } from './coordinator-restart';
import { RedisWithRunDir } from './redis-with-run-dir';

const ROOT = resolve(__dirname, '../../../..');

/** What a node logs when it wins the leader lease. */
export const TOOK_LEASE = 'took the leader lease: this node runs the rounds';

/**
 * The cluster tests' world: a real `redis-server`, coordinator CLI nodes on it and one simulator
 * process spreading its clients over them. `start()` in beforeEach, `stop()` in afterEach.
 */
export class CoordinatorCluster {
  readonly nodes: CoordinatorProcess[] = [];
  readonly ports: number[] = [];
  private readonly world = new RedisWithRunDir();
  private simulator?: ChildProcess;
  private readonly simulatorLog: string[] = [];

  get redis(): RedisTestServer {
    return this.world.redis;
  }

  start(name: string): Promise<void> {
    return this.world.start(name);
  }

  async stop(): Promise<void> {
    const simulator = this.simulator;
    if (simulator && simulator.exitCode === null && simulator.signalCode === null) {
      const exited = new Promise((done) => simulator.once('exit', done));
      simulator.kill('SIGKILL');
      await exited;
    }
    await Promise.all(this.nodes.splice(0).map((node) => node.kill()));
    this.ports.splice(0);
    this.simulatorLog.splice(0);
    await this.world.stop();
  }

  /** Starts `count` nodes (`node-0` ...) of a `rounds`-round run, plain or secure; resolves once each bound its port. */
  async startNodes(count: number, rounds: number, mode: 'plain' | 'secure'): Promise<void> {
    for (let i = 0; i < count; i++) {
      const node = new CoordinatorProcess([
        ...restartTestFlags(rounds, ['--redis', this.redis.url], [`--${mode === 'plain' ? 'no-' : ''}secure`]),
        ...['--node-id', `node-${i}`],
      ]);
      this.nodes.push(node);
      this.ports.push(await node.ready);
    }
  }

  /** The first node that took the lease, if any. */
  leader(): CoordinatorProcess | undefined {
    return this.nodes.find((node) => node.loggedAt(TOOK_LEASE) !== undefined);
  }

  /**
   * Runs the simulator with `clients` light clients over the nodes in `order` (indices into
   * `nodes`; it follows the run through the first URL) and `extra` simulator flags (e.g.
   * `['--light-delay', '2000']`); resolves with its exit code.
   */
  runSimulator(
    clients: number,
    order: readonly number[] = this.nodes.map((_, i) => i),
    extra: readonly string[] = [],
  ): Promise<number | null> {
    const urls = order.map((i) => `http://127.0.0.1:${this.ports[i]}`);
    const simulator = spawn(
      process.execPath,
      [
        ...['--require', 'tsx/cjs', join(ROOT, 'apps/simulator/src/main.ts')],
        ...['--coordinator', urls.join(','), '--light', '--clients', String(clients), '--threads', '1'],
        ...['--out', this.world.out],
        ...extra,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.simulator = simulator;
    simulator.stdout?.on('data', (chunk: Buffer) => this.simulatorLog.push(chunk.toString('utf8')));
    simulator.stderr?.on('data', (chunk: Buffer) => this.simulatorLog.push(chunk.toString('utf8')));
    return new Promise((done) => simulator.once('exit', (code) => done(code)));
  }

  /** The simulator's output and every node's last log lines, for failure messages. */
  logs(): string {
    return `${this.simulatorLog.join('')}\n${this.nodes.map((node) => node.tail()).join('\n')}`;
  }

  /**
   * Waits for `survivors` to end the run and checks the outcome: each exits 0 having finished the
   * run at `version`, and the store holds versions 1..version, each committed once.
   */
  async expectRunFinishedBy(survivors: readonly CoordinatorProcess[], version: number): Promise<void> {
    await waitFor(
      'the surviving nodes to end the run',
      200_000,
      () => (survivors.every((node) => !node.running) ? true : undefined),
      () => this.logs(),
    );
    expect(await Promise.all(survivors.map((node) => node.exited))).toEqual(survivors.map(() => 0));
    for (const node of survivors)
      expect(node.logged('run finished')).toMatchObject({ reason: 'completed', modelVersion: version });
    const { completed, latestVersion } = await this.committed();
    expect(completed.map((record) => record.modelVersion)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(latestVersion).toBe(version);
  }

  /** The committed rounds in the run's Redis store and its latest checkpoint version. */
  async committed(): Promise<{ completed: RoundRecord[]; latestVersion?: number }> {
    const store = await RedisRoundStore.connect(this.redis.url);
    try {
      const completed = (await store.rounds()).filter((record) => record.outcome === 'completed');
      return { completed, latestVersion: (await store.latestCheckpoint())?.version };
    } finally {
      await store.close();
    }
  }
}
