import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { join, resolve } from 'node:path';
import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { CoordinatorStatus } from '@edgefl/coordinator';
import type { LocalDataset } from '@edgefl/runtime';
import { followCoordinatorLog } from './follow-coordinator-log';

const ROOT = resolve(__dirname, '../../../..');
// The CLI from its sources (the bin runs the compiled dist/, which tests do not build).
const CLI = ['--require', 'tsx/cjs', join(ROOT, 'apps/coordinator/src/main.ts')];

/**
 * The CLI flags of the restart tests: a free port (`--port 0`, reported in the `ready` line), a tiny
 * model, `rounds` rounds of exactly 3 reports, JSON logs; `state` says where the state lives
 * (`['--state-dir', DIR]` or `['--redis', URL]`), `extra` adds flags.
 */
export function restartTestFlags(rounds: number, state: string[], extra: string[] = ['--no-secure']): string[] {
  return [
    ...['--port', '0', ...state, '--eval-dataset', 'none', '--input-size', '8', '--widths', '2'],
    ...[
      '--rounds',
      String(rounds),
      '--per-round',
      '3',
      '--min-reports',
      '3',
      '--round-timeout',
      '5000',
      '--log-level',
      'info',
    ],
    ...extra,
  ];
}

/**
 * A cheap trainer for restart tests (constant delta after a short delay) that holds every task of round `killedRound`
 * until the test lets it go: the kill lands inside that round for certain, and after the restart no round can
 * complete (every report is needed) before the test has read the resumed status.
 */
export class HoldingTrainer implements LocalTrainer {
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
    private readonly killedRound: number,
  ) {}

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    if (this.restarted) this.tasksAfterRestart.push({ roundId: task.roundId, weights: task.weights.slice() });
    await new Promise((done) => setTimeout(done, this.delayMs));
    if (Number(task.roundId.split('/')[1]) === this.killedRound) {
      const gate = this.gate;
      this.held.add(task.roundId);
      await gate.opened;
      this.held.delete(task.roundId);
    }
    return {
      delta: new Float32Array(task.weights.length).fill(this.value),
      numSamples: data.count,
      metrics: { loss: 1, accuracy: 0.5 },
    };
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

export function openLater(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((done) => (open = done));
  return { opened, open };
}

/** One run of the real CLI, its JSON log lines collected for assertions and failure messages. */
export class CoordinatorProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  /** Resolves with the port the child bound, from its `ready` log line; rejects if it exits before. */
  readonly ready: Promise<number>;
  private readonly child: ChildProcess;

  /** Runs the CLI with `flags` (see {@link restartTestFlags}). */
  constructor(flags: string[]) {
    const args = [...CLI, ...flags];
    this.child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.ready = followCoordinatorLog(this.child, this.lines).then((url) => Number(new URL(url).port));
    this.ready.catch(() => undefined);
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first log entry with message `msg` (and, when given, that `roundId`), parsed. */
  logged(msg: string, roundId?: string): Record<string, unknown> | undefined {
    for (const line of this.lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === msg && (roundId === undefined || entry.roundId === roundId)) return entry;
    }
    return undefined;
  }

  /** The `time` of {@link logged}'s entry, or undefined. */
  loggedAt(msg: string, roundId?: string): number | undefined {
    const time = this.logged(msg, roundId)?.time;
    return typeof time === 'number' ? time : undefined;
  }

  kill(): Promise<number | null> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  tail(): string {
    return this.lines.slice(-30).join('\n');
  }
}

/** GET /api/status, or undefined while nothing answers. */
export function status(port: number): Promise<CoordinatorStatus | undefined> {
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
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
  logs?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${logs?.() ?? ''}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export function bytesOf(weights: Float32Array): Uint8Array {
  return new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength).slice();
}
