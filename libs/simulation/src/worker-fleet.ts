import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { BackendName } from '@edgefl/runtime';
import type { ClientFleet } from './client-fleet';
import type { ConnectOutcome } from './run-simulated-client';
import type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';
import type { WorkerReply, WorkerRequest } from './worker-messages';

/**
 * Spreads clients over `size` worker threads, each with its own tfjs runtime, so local
 * training uses every core. Clients are dealt round-robin; each still talks to the coordinator
 * over its own socket.
 */
export class WorkerFleet implements ClientFleet {
  private readonly workers: Worker[] = [];

  constructor(
    private readonly size: number,
    private readonly backend: BackendName,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  }

  async run(
    url: string,
    specs: readonly SimulatedClientSpec[],
    onConnect: (outcome: ConnectOutcome) => void = () => undefined,
  ): Promise<SimulatedClientStats[]> {
    const groups: SimulatedClientSpec[][] = Array.from({ length: Math.min(this.size, specs.length) }, () => []);
    specs.forEach((spec, i) => groups[i % groups.length].push(spec));
    const results = await Promise.all(groups.map((group) => this.runGroup(url, group, onConnect)));
    return results.flat();
  }

  async close(): Promise<void> {
    const stop: WorkerRequest = { type: 'stop' };
    for (const worker of this.workers) worker.postMessage(stop);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
  }

  private runGroup(
    url: string,
    specs: SimulatedClientSpec[],
    onConnect: (outcome: ConnectOutcome) => void,
  ): Promise<SimulatedClientStats[]> {
    const worker = new Worker(join(__dirname, 'worker-entry.cjs'));
    this.workers.push(worker);
    return new Promise((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'connect') onConnect(reply.outcome);
        else if (reply.type === 'done') resolve(reply.stats);
        else reject(new Error(`simulation worker failed: ${reply.message}`));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`simulation worker exited with code ${code}`));
      });
      const request: WorkerRequest = { type: 'run', url, backend: this.backend, specs };
      worker.postMessage(request);
    });
  }
}
