import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FederatedClient } from '@edgefl/client';
import type { ClientRunSummary, LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { CoordinatorStatus } from '@edgefl/coordinator';
import { SqliteRoundStore } from '@edgefl/coordinator-store/node';
import type { LocalDataset } from '@edgefl/runtime';
import { RoundStage } from '@edgefl/protocol';
import { tinyDataset } from './support/tiny-dataset';

const ROOT = resolve(__dirname, '../../..');
// The CLI from its sources (the bin runs the compiled dist/, which tests do not build).
const CLI = ['--require', 'tsx/cjs', join(ROOT, 'apps/coordinator/src/main.ts')];
const ROUNDS = 6;
/** The round the coordinator is killed in: two rounds are committed by then. */
const KILLED_ROUND = 3;

/**
 * A cheap trainer (constant delta after a short delay) that holds every task of one round until the
 * test lets it go: the kill lands inside that round for certain, and after the restart no round can
 * complete (every report is needed) before the test has read the resumed status.
 */
class HoldingTrainer implements LocalTrainer {
  readonly backend = 'constant';
  /** Round ids of the tasks being held right now. */
  readonly held = new Set<string>();
  /** Global weights of every task received after {@link restart}. */
  readonly tasksAfterRestart: Array<{ roundId: string; weights: Float32Array }> = [];
  private restarted = false;
  private gate = openLater();

  constructor(
    private readonly value: number,
    private readonly delayMs: number,
  ) {}

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    if (this.restarted) this.tasksAfterRestart.push({ roundId: task.roundId, weights: task.weights.slice() });
    await new Promise((done) => setTimeout(done, this.delayMs));
    if (Number(task.roundId.split('/')[1]) === KILLED_ROUND) {
      const gate = this.gate;
      this.held.add(task.roundId);
      await gate.opened;
      this.held.delete(task.roundId);
    }
    return { delta: new Float32Array(task.weights.length).fill(this.value), numSamples: data.count, metrics: { loss: 1, accuracy: 0.5 } };
  }

  /**
   * Lets the tasks of the killed coordinator unwind (the client drops their results: their round died
   * with the connection) and holds the tasks of the restarted one until {@link letGo}.
   */
  restart(): void {
    this.restarted = true;
    const stale = this.gate;
    this.gate = openLater();
    stale.open();
  }

  letGo(): void {
    this.gate.open();
  }

  dispose(): void {
    // Holds nothing.
  }
}

function openLater(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((done) => (open = done));
  return { opened, open };
}

/** One run of the real CLI, its JSON log lines collected for assertions and failure messages. */
class CoordinatorProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(port: number, stateDir: string) {
    const args = [
      ...CLI,
      ...['--port', String(port), '--state-dir', stateDir, '--eval-dataset', 'none', '--input-size', '8', '--widths', '2'],
      ...['--rounds', String(ROUNDS), '--per-round', '3', '--min-reports', '3', '--round-timeout', '5000', '--log-level', 'info', '--no-secure'],
    ];
    this.child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    const collect = (chunk: Buffer): void => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      this.lines.push(...complete.filter((line) => line.length > 0));
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first log entry with message `msg`, parsed. */
  logged(msg: string): Record<string, unknown> | undefined {
    for (const line of this.lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === msg) return entry;
    }
    return undefined;
  }

  kill(): Promise<number | null> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  tail(): string {
    return this.lines.slice(-30).join('\n');
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** GET /api/status, or undefined while nothing answers. */
function status(port: number): Promise<CoordinatorStatus | undefined> {
  return new Promise((done) => {
    const request = get({ host: '127.0.0.1', port, path: '/api/status', agent: false, timeout: 5_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => done(response.statusCode === 200 ? (JSON.parse(body) as CoordinatorStatus) : undefined));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => done(undefined));
  });
}

/** Polls `probe` until it returns a value; throws naming `what` (and the coordinator's last log lines) after `timeoutMs`. */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined, logs?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${logs?.() ?? ''}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

function bytesOf(weights: Float32Array): Uint8Array {
  return new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength).slice();
}

describe('coordinator restart on a durable state dir', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'edgefl-restart-'));
  const processes: CoordinatorProcess[] = [];
  const clients: FederatedClient[] = [];

  afterAll(async () => {
    for (const client of clients) client.stop();
    await Promise.all(processes.map((p) => p.kill()));
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('is SIGKILLed mid-round, resumes from the last committed model bit for bit, and the clients finish the run', async () => {
    const port = await freePort();
    const first = new CoordinatorProcess(port, stateDir);
    processes.push(first);
    const logs = (): string => processes.map((p, i) => `--- coordinator run ${i + 1} ---\n${p.tail()}`).join('\n');
    await waitFor('the first coordinator to serve /api/status', 90_000, () => (first.running ? status(port) : Promise.reject(new Error(logs()))), logs);

    const trainers = [new HoldingTrainer(0.1, 100), new HoldingTrainer(0.2, 100), new HoldingTrainer(0.4, 100)];
    const url = `http://127.0.0.1:${port}`;
    for (const [i, trainer] of trainers.entries()) {
      clients.push(new FederatedClient({ url, data: tinyDataset(5 * (i + 1)), clientId: `c${i}`, trainer, connection: { retries: Number.POSITIVE_INFINITY, maxBackoffMs: 2_000 } }));
    }
    const disconnected = new Set<FederatedClient>();
    for (const client of clients) client.on('disconnected', () => disconnected.add(client));
    const runs: Array<Promise<ClientRunSummary>> = clients.map((client) => client.run());

    // Every client holds a task of the killed round: rounds 1 and 2 are committed, round 3 is open and cannot close.
    await waitFor('all clients to hold a task of the killed round', 90_000, () => (trainers.every((t) => t.held.size > 0) ? true : undefined), logs);
    const before = await waitFor('status inside the killed round', 30_000, async () => {
      const current = await status(port);
      return current?.stage === RoundStage.Train && current.round === KILLED_ROUND ? current : undefined;
    }, logs);
    expect(before.modelVersion).toBe(KILLED_ROUND - 1);
    await first.kill();

    const killedAt = new SqliteRoundStore(join(stateDir, SqliteRoundStore.FILE_NAME), { readonly: true });
    const committed = await killedAt.latestCheckpoint();
    const roundsAtKill = await killedAt.rounds();
    await killedAt.close();
    expect(committed?.version).toBe(before.modelVersion);
    if (!committed) throw new Error('no checkpoint was committed before the kill');
    expect(roundsAtKill.filter((r) => r.outcome === 'completed').map((r) => r.round)).toEqual([1, 2]);
    const committedBytes = bytesOf(committed.weights);

    // Only once every client saw its connection drop may the held results unwind: they must be dropped, not sent.
    await waitFor('every client to notice the coordinator is gone', 60_000, () => (disconnected.size === clients.length ? true : undefined), logs);
    for (const trainer of trainers) trainer.restart();
    const second = new CoordinatorProcess(port, stateDir);
    processes.push(second);
    const resumed = await waitFor('the restarted coordinator to serve /api/status', 90_000, () => (second.running ? status(port) : Promise.reject(new Error(logs()))), logs);
    expect(resumed.modelVersion).toBe(committed.version);
    const resumeLog = await waitFor('the restarted coordinator to log its resumed version', 30_000, () => second.logged('resuming from the last committed model'), logs);
    expect(resumeLog).toMatchObject({ modelVersion: committed.version });
    // The restarted CLI serves the committed model from its SQLite store, as TF.js weights (float32 LE, model order).
    const latest = await fetch(`http://127.0.0.1:${port}/api/model/model.json`);
    expect(latest.headers.get('x-edgefl-model-version')).toBe(String(committed.version));
    const served = await fetch(`http://127.0.0.1:${port}/api/model/v/${committed.version}/weights.bin`);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(committedBytes);

    // The clients reconnect on their own and get the killed round again, built on the committed weights.
    const retried = await waitFor('every client to receive a task from the restarted coordinator', 90_000, () =>
      trainers.every((t) => t.tasksAfterRestart.length > 0) ? trainers.map((t) => t.tasksAfterRestart[0]) : undefined,
    logs);
    for (const task of retried) {
      expect(task.roundId.startsWith(`run/${KILLED_ROUND}/`)).toBe(true);
      expect(bytesOf(task.weights)).toEqual(committedBytes);
    }
    for (const trainer of trainers) trainer.letGo();

    const results = await Promise.race([
      Promise.all(runs),
      new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`clients did not finish within 120 s\n${logs()}`)), 120_000).unref()),
    ]);
    expect(results.map((r) => [r.reason, r.modelVersion])).toEqual([
      ['completed', ROUNDS],
      ['completed', ROUNDS],
      ['completed', ROUNDS],
    ]);
    const exitCode = await Promise.race([second.exited, new Promise<string>((done) => setTimeout(() => done('still running'), 30_000).unref())]);
    expect(exitCode).toBe(0);

    const after = new SqliteRoundStore(join(stateDir, SqliteRoundStore.FILE_NAME), { readonly: true });
    try {
      expect((await after.latestCheckpoint())?.version).toBe(ROUNDS);
      const resumedFrom = await after.checkpoint(committed.version);
      expect(resumedFrom && bytesOf(resumedFrom.weights)).toEqual(committedBytes);
      const completed = (await after.rounds()).filter((r) => r.outcome === 'completed');
      expect(completed.map((r) => r.round)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(completed.map((r) => r.modelVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await after.close();
    }
  });
});
