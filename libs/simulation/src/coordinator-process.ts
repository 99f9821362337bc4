import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { CoordinatorConfig, CoordinatorConfigInput, CoordinatorEvents } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { CoordinatorProcessError } from './coordinator-process-error';
import type { CoordinatorProcessReply, CoordinatorProcessRequest } from './coordinator-process-messages';
import type { SimulationOptions } from './simulation-options';

/**
 * Raises the child's soft open-file limit to its hard limit (allowed without privilege), then runs
 * node: the coordinator holds one socket per client and must not be the side that runs out.
 */
const RAISE_LIMIT_AND_EXEC = 'ulimit -S -n "$(ulimit -H -n)" 2>/dev/null; exec "$0" "$@"';

type Settle<T> = { resolve: (value: T) => void; reject: (error: Error) => void };

/**
 * The simulator's coordinator in its own process (coordinator-process-main.ts over IPC), for runs
 * too large to hold both ends of every loopback socket in one process: the simulator then holds
 * only the clients' ends. It emits the same `evaluation`, `round-start`, `round-end` and
 * `update-accepted` events as an in-process {@link Coordinator}.
 *
 * @example
 * const coordinator = await CoordinatorProcess.start(config, undefined, 'cpu');
 * await coordinator.waitForClients(100, 60_000);
 * const { weights } = await coordinator.run();
 * await coordinator.close();
 */
export class CoordinatorProcess extends EventEmitter<CoordinatorEvents> {
  private readonly pending = new Map<CoordinatorProcessReply['type'], Settle<CoordinatorProcessReply>>();
  /** Set once the process can no longer answer (it exited, or closed its IPC channel): what requests reject with. */
  private exited?: CoordinatorProcessError;
  config!: CoordinatorConfig;
  url = '';

  private constructor(private readonly child: ChildProcess) {
    super();
    child.on('message', (reply: CoordinatorProcessReply) => this.receive(reply));
    child.on('exit', (code, signal) => this.gone(`the coordinator process exited (${signal ?? `code ${code}`})`, true));
    // The channel can close before 'exit' (or without it, for a child that lingers): nothing can answer then.
    child.on('disconnect', () => this.gone('the coordinator process closed its IPC channel'));
    // A send on a closed channel (or a failed spawn) is reported here: without a listener it would be uncaught.
    child.on('error', (error) => this.gone(`the coordinator process failed: ${error.message}`));
  }

  /** Wraps an already spawned child speaking coordinator-process-messages over IPC (tests: a child that misbehaves). */
  static _attach(child: ChildProcess): CoordinatorProcess {
    return new CoordinatorProcess(child);
  }

  /** Starts the process and its coordinator, listening on a free loopback port. */
  static async start(
    config: CoordinatorConfigInput,
    evaluateWith: SimulationOptions | undefined,
    backend: SimulationOptions['backend'],
  ): Promise<CoordinatorProcess> {
    const entry = join(__dirname, 'coordinator-process-entry.cjs');
    const child = spawn('/bin/sh', ['-c', RAISE_LIMIT_AND_EXEC, process.execPath, entry], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const started = new CoordinatorProcess(child);
    try {
      const listening = await started.request({ type: 'start', config, evaluateWith, backend }, 'listening');
      started.config = listening.config;
      started.url = listening.url;
    } catch (error) {
      child.kill();
      throw error;
    }
    return started;
  }

  /** True once `count` clients are connected; false when `timeoutMs` passed first. */
  async waitForClients(count: number, timeoutMs: number): Promise<boolean> {
    return (await this.request({ type: 'wait-for-clients', count, timeoutMs }, 'clients')).all;
  }

  /** Runs the coordinator's rounds; resolves with the final model and every attempt of the run. */
  async run(): Promise<{
    weights: Float32Array;
    modelVersion: number;
    attempts: RoundRecord[];
    budgetSpent?: boolean;
  }> {
    return this.request({ type: 'run' }, 'done');
  }

  /** Closes the coordinator and waits for its process to exit. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'close' } satisfies CoordinatorProcessRequest);
    else this.child.kill();
    await exited;
  }

  private request<T extends CoordinatorProcessReply['type']>(
    request: CoordinatorProcessRequest,
    answer: T,
  ): Promise<Extract<CoordinatorProcessReply, { type: T }>> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.pending.set(answer, { resolve: resolve as (reply: CoordinatorProcessReply) => void, reject });
      this.child.send(request, (error) => {
        if (error) this.gone(`the coordinator process cannot be reached: ${error.message}`);
      });
    });
  }

  /**
   * The process can no longer answer: every pending request, and every later one, rejects. Later
   * requests get the first reason, or the exit's (`final`), which says most.
   */
  private gone(reason: string, final = false): void {
    if (!this.exited || final) this.exited = new CoordinatorProcessError(reason);
    for (const { reject } of this.pending.values()) reject(this.exited);
    this.pending.clear();
  }

  private receive(reply: CoordinatorProcessReply): void {
    switch (reply.type) {
      case 'event':
        (this.emit as (event: string, ...args: unknown[]) => boolean)(reply.event, ...reply.args);
        return;
      case 'failed': {
        const error = new Error(`the coordinator process failed: ${reply.message}`);
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
        return;
      }
      case 'listening':
      case 'clients':
      case 'done': {
        const waiting = this.pending.get(reply.type);
        this.pending.delete(reply.type);
        waiting?.resolve(reply);
        return;
      }
      default: {
        const unknown: never = reply;
        throw new TypeError(`unknown reply ${JSON.stringify(unknown)}`);
      }
    }
  }
}
