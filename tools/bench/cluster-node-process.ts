import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './coordinator-child';

const CLI = ['--require', 'tsx/cjs', join(ROOT, 'apps/coordinator/src/main.ts')];

/** What a node logs when it wins the leader lease. */
export const TOOK_LEASE = 'took the leader lease: this node runs the rounds';

/**
 * One coordinator node of the cluster bench: the CLI from its sources (through tsx, as the e2e
 * tests run it: the same fixed overhead in every node), its JSON log lines kept with the time
 * (`performance.now()` of this process) each arrived.
 */
const started = new Set<ChildProcess>();
// A bench stopped early (an error, Ctrl-C, a timeout's SIGTERM) leaves no node behind.
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export class ClusterNodeProcess {
  readonly child: ChildProcess;
  /** Resolves with the node's URL once its `ready` line names it; rejects if it exits first. */
  readonly ready: Promise<string>;
  /** Resolves once the process exited (with its code, null after a signal). */
  readonly exited: Promise<number | null>;
  private readonly seen = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private tailLines: string[] = [];

  constructor(
    readonly nodeId: string,
    args: readonly string[],
  ) {
    this.child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(this.child);
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
    this.ready = new Promise((resolveReady, reject) => {
      let buffer = '';
      this.child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          this.keep(line);
          if (!line.startsWith('{')) continue;
          let record: { msg?: string; url?: string };
          try {
            record = JSON.parse(line) as { msg?: string; url?: string };
          } catch {
            continue;
          }
          if (record.msg === undefined) continue;
          if (!this.seen.has(record.msg)) this.seen.set(record.msg, performance.now());
          if (record.msg === 'ready' && record.url) resolveReady(record.url);
          for (const wake of [...this.waiters]) wake();
        }
      });
      this.child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk.toString('utf8')));
      void this.exited.then((code) =>
        reject(new Error(`node ${nodeId} exited with ${code} before it was ready:\n${this.tail()}`)),
      );
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`node ${this.nodeId} has no pid`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** When this node first logged `message` (this process's clock), if it did. */
  loggedAt(message: string): number | undefined {
    return this.seen.get(message);
  }

  /** Resolves with the time this node first logged `message`. */
  async waitForLog(message: string): Promise<number> {
    for (;;) {
      const at = this.seen.get(message);
      if (at !== undefined) return at;
      if (!this.running) throw new Error(`node ${this.nodeId} exited before it logged "${message}":\n${this.tail()}`);
      await new Promise<void>((wake) => {
        const done = (): void => {
          this.waiters.delete(done);
          wake();
        };
        this.waiters.add(done);
        void this.exited.then(done);
      });
    }
  }

  /** The kernel's peak resident set of the process (VmHWM), in MiB. */
  peakRssMiB(): number {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    if (!match) throw new Error(`no VmHWM for node ${this.nodeId}`);
    return Number(match[1]) / 1024;
  }

  /** SIGTERM, then SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last log lines, for error messages. */
  tail(): string {
    return this.tailLines.join('\n');
  }

  private keep(line: string): void {
    // Enrollments would crowd everything else out of the tail.
    if (line.includes('"msg":"client registered"')) return;
    this.tailLines.push(`[${this.nodeId}] ${line.trimEnd()}`);
    if (this.tailLines.length > 40) this.tailLines = this.tailLines.slice(-40);
  }
}
