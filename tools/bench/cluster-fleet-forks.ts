import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { BenchFleet, FleetEvent } from './cluster-fleet';
import { ROOT } from './coordinator-child';

/** The parent's one message to a fleet child. */
export interface ForkedFleetStart {
  kind: 'start';
  urls: string[];
  /** Client indices this child opens: `prefix-i` on `urls[i % urls.length]`. */
  indices: number[];
  prefix: string;
  inFlight: number;
  secure: boolean;
  delayMs: number;
  samples: number;
}

/** What a fleet child sends back. */
export type ForkedFleetReply =
  { kind: 'event'; event: FleetEvent } | { kind: 'connected' } | { kind: 'failed'; message: string };

const CHILD = join(ROOT, 'tools/bench/cluster-fleet-child.ts');

const started = new Set<ChildProcess>();
// A bench stopped early leaves no fleet child behind.
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * The clients of a `BenchFleet` spread over `processes` child processes (client i in child
 * i mod processes), so that their CPU (SecAgg+ key agreement, share encryption, signatures) runs
 * on several event loops instead of holding the bench's one, whose stalls would let the nodes'
 * ping timeout drop every connection. Each child forwards its clients' events; `fleet` records
 * them as if its own clients had seen them (its `nodeOf` is filled here), so the bench reads
 * rounds, seeds and masked-input senders from it unchanged.
 */
export class ForkedFleet {
  private readonly children: ChildProcess[] = [];

  constructor(
    private readonly fleet: BenchFleet,
    private readonly processes: number,
  ) {}

  /** Opens `count` clients across the children, at most `inFlight` connecting at a time in all; resolves once all are welcomed. */
  async connect(
    urls: readonly string[],
    count: number,
    inFlight: number,
    prefix: string,
    options: { secure: boolean; delayMs: number; samples: number },
  ): Promise<void> {
    const processes = Math.min(this.processes, count);
    for (let i = 0; i < count; i++) this.fleet.nodeOf.push(i % urls.length);
    await Promise.all(
      Array.from({ length: processes }, (_, p) => {
        const indices = Array.from({ length: count }, (_, i) => i).filter((i) => i % processes === p);
        const child = fork(CHILD, [], { cwd: ROOT, execArgv: ['--require', 'tsx/cjs'], stdio: 'inherit' });
        started.add(child);
        this.children.push(child);
        return new Promise<void>((connected, fail) => {
          child.on('message', (reply: ForkedFleetReply) => {
            switch (reply.kind) {
              case 'event':
                this.fleet.apply(reply.event);
                return;
              case 'connected':
                connected();
                return;
              case 'failed':
                fail(new Error(`fleet child ${p}: ${reply.message}`));
                return;
              default: {
                const never: never = reply;
                fail(new Error(`fleet child ${p}: unknown reply ${JSON.stringify(never)}`));
              }
            }
          });
          child.once('exit', (code, signal) => fail(new Error(`fleet child ${p} exited (${code ?? signal})`)));
          const start: ForkedFleetStart = {
            kind: 'start',
            urls: [...urls],
            indices,
            prefix,
            inFlight: Math.max(1, Math.floor(inFlight / processes)),
            ...options,
          };
          child.send(start);
        });
      }),
    );
  }

  /** Stops every child's clients and waits for the children to exit. */
  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((exited) => {
            if (child.exitCode !== null || child.signalCode !== null) return exited();
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              exited();
            });
            if (child.connected) child.send({ kind: 'stop' });
            else child.kill('SIGTERM');
          }),
      ),
    );
  }
}
