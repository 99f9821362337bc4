import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { followCoordinatorLog } from './follow-coordinator-log';

const ROOT = resolve(__dirname, '../../../..');
// The sources through tsx, as the other CLI tests do: tests do not depend on a build.
const CLI = ['--require', 'tsx/cjs', join(ROOT, 'apps/coordinator/src/main.ts')];

/** The real coordinator CLI as a child process on a free loopback port; its JSON log lines collected. */
export class CoordinatorCli {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the URL from the `ready` log line. */
  readonly ready: Promise<string>;
  private readonly child: ChildProcess;

  constructor(args: string[], env: Record<string, string> = {}) {
    const base = [
      '--port',
      '0',
      '--eval-dataset',
      'none',
      '--input-size',
      '8',
      '--widths',
      '2',
      '--no-secure',
      '--backend',
      'cpu',
      '--log-level',
      'info',
    ];
    this.child = spawn(process.execPath, [...CLI, ...base, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    this.ready = followCoordinatorLog(this.child, this.lines);
    // A test that never awaits `ready` (the child fails on purpose) must not see an unhandled rejection.
    this.ready.catch(() => undefined);
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Kills the process if it is still running (test cleanup). */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }

  tail(): string {
    return this.lines.slice(-30).join('\n');
  }
}
