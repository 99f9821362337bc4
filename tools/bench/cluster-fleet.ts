import { FederatedClient, generateIdentity } from '@edgefl/client';
import type { ClientIdentity } from '@edgefl/client';
import { RoundStage } from '@edgefl/protocol';
import type { RoundEndMessage } from '@edgefl/protocol';
import { LightTrainer } from '@edgefl/simulation';
import { lightData } from './coordinator-child';

/** The first `round-end` of a round id any client heard, with this process's clock. */
export interface HeardRoundEnd {
  roundId: string;
  round: number;
  outcome: RoundEndMessage['outcome'];
  modelVersion: number;
  participants: number;
  at: number;
}

/** How the fleet's clients are built. */
export interface BenchFleetOptions {
  /** Secure runs: each client holds its own long-term identity key (plain fleets share one). */
  readonly secure: boolean;
  /** The light trainer's "training" time, ms. */
  readonly delayMs: number;
  /** Examples per client (its sample count). */
  readonly samples: number;
  /** Called on the first `round-end` of each round id, synchronously (e.g. a Redis snapshot). */
  readonly onRoundEnd?: (end: HeardRoundEnd) => void;
  /** Called with every client event (a fleet in a child process forwards them to the bench). */
  readonly onEvent?: (event: FleetEvent) => void;
}

/** What one client of a fleet saw, as recorded (and sent between processes: plain JSON). */
export type FleetEvent =
  | { kind: 'task'; roundId: string; round: number; seed: number; at: number }
  | { kind: 'masked-input'; roundId: string; clientId: string }
  | ({ kind: 'round-end' } & HeardRoundEnd)
  | { kind: 'run-end' }
  | { kind: 'disconnected'; reason: string }
  | { kind: 'error'; message: string };

/** Wall time in ms with sub-ms resolution, comparable across this machine's processes. */
function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The SDK clients of the cluster bench, all in this process: `FederatedClient`s with the
 * simulator's light trainer (a fixed delta, no tfjs), each on one node's URL. It records what the
 * bench measures from the clients' side: when each round id's first task arrived and its last
 * `round-end`, the first `round-end` of each round id (in order), each round's public seed and, in
 * secure rounds, which clients sent their masked input.
 */
export class BenchFleet {
  readonly clients: FederatedClient[] = [];
  /** Node index of each client. */
  readonly nodeOf: number[] = [];
  readonly ends: HeardRoundEnd[] = [];
  readonly firstTask = new Map<string, number>();
  readonly lastEnd = new Map<string, number>();
  readonly roundOf = new Map<string, number>();
  readonly roundSeed = new Map<string, number>();
  readonly maskedInputs = new Map<string, Set<string>>();
  readonly errors: Error[] = [];
  /** Connections lost, by the socket's reason (`ping timeout`, `transport close`, ...). */
  readonly disconnects = new Map<string, number>();
  /** Every client error message heard, with how often. */
  readonly errorCounts = new Map<string, number>();
  runEnds = 0;
  private readonly waiters = new Set<() => void>();
  /**
   * Plain fleets share one identity key (every SDK client proves one at enrollment): generating an
   * Ed25519 key pair per client would cost this process more CPU than connecting it. Client ids
   * pin keys, not keys ids, so the nodes verify one proof per enrollment as for distinct keys.
   */
  private readonly sharedIdentity?: ClientIdentity;

  constructor(private readonly options: BenchFleetOptions) {
    if (!options.secure) this.sharedIdentity = generateIdentity();
  }

  /** Opens `count` clients (`prefix-i` on `urls[i % urls.length]`), at most `inFlight` connecting at a time. */
  async connect(urls: readonly string[], count: number, inFlight: number, prefix: string): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < count) {
        const i = next++;
        await this.add(urls[i % urls.length], i % urls.length, `${prefix}-${i}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  }

  /** Opens one client on `url` (node `node`); resolves once it is welcomed. */
  add(url: string, node: number, clientId: string): Promise<void> {
    const client = new FederatedClient({
      url,
      data: lightData(this.options.samples),
      clientId,
      trainer: new LightTrainer(this.options.delayMs),
      ackTimeoutMs: 300_000,
      identity: this.sharedIdentity ?? generateIdentity(),
    });
    const emit = (event: FleetEvent): void => {
      this.apply(event);
      this.options.onEvent?.(event);
    };
    client.on('round-start', ({ roundId, round, seed }) => emit({ kind: 'task', roundId, round, seed, at: wallNow() }));
    client.on('secure-stage', ({ roundId, stage }) => {
      if (stage === RoundStage.MaskedInput) emit({ kind: 'masked-input', roundId, clientId });
    });
    client.on('round-end', (message) =>
      emit({
        kind: 'round-end',
        roundId: message.roundId,
        round: message.round,
        outcome: message.outcome,
        modelVersion: message.modelVersion,
        participants: message.participants,
        at: wallNow(),
      }),
    );
    client.on('run-end', () => emit({ kind: 'run-end' }));
    client.on('disconnected', (reason) => emit({ kind: 'disconnected', reason }));
    client.on('error', (error) => emit({ kind: 'error', message: error.message }));
    this.clients.push(client);
    this.nodeOf.push(node);
    return new Promise<void>((welcomed, fail) => {
      client.on('connected', () => welcomed());
      client.run().catch((error: Error) => {
        fail(error);
        this.errors.push(error);
      });
    });
  }

  /**
   * Records one client event: this fleet's own clients' or, forwarded, those of clients in another
   * process (`at` is wall time, `performance.timeOrigin + performance.now()`, the same clock there).
   */
  apply(event: FleetEvent): void {
    switch (event.kind) {
      case 'task': {
        if (!this.firstTask.has(event.roundId)) this.firstTask.set(event.roundId, event.at - performance.timeOrigin);
        this.roundOf.set(event.roundId, event.round);
        this.roundSeed.set(event.roundId, event.seed);
        this.wake();
        return;
      }
      case 'masked-input': {
        const senders = this.maskedInputs.get(event.roundId) ?? new Set<string>();
        senders.add(event.clientId);
        this.maskedInputs.set(event.roundId, senders);
        return;
      }
      case 'round-end': {
        const at = event.at - performance.timeOrigin;
        this.lastEnd.set(event.roundId, Math.max(at, this.lastEnd.get(event.roundId) ?? at));
        if (this.ends.some((end) => end.roundId === event.roundId && end.outcome === event.outcome)) return;
        const end: HeardRoundEnd = {
          roundId: event.roundId,
          round: event.round,
          outcome: event.outcome,
          modelVersion: event.modelVersion,
          participants: event.participants,
          at,
        };
        this.ends.push(end);
        this.options.onRoundEnd?.(end);
        this.wake();
        return;
      }
      case 'run-end':
        this.runEnds++;
        this.wake();
        return;
      case 'disconnected':
        this.disconnects.set(event.reason, (this.disconnects.get(event.reason) ?? 0) + 1);
        return;
      case 'error':
        if (this.errors.length < 20) this.errors.push(new Error(event.message));
        this.errorCounts.set(event.message, (this.errorCounts.get(event.message) ?? 0) + 1);
        return;
      default: {
        const never: never = event;
        throw new Error(`unknown fleet event ${JSON.stringify(never)}`);
      }
    }
  }

  /** The completed rounds heard, in order. */
  completed(): HeardRoundEnd[] {
    return this.ends.filter((end) => end.outcome === 'completed');
  }

  /** Resolves with `check()`'s first defined value, looked at after every round event; rejects after `timeoutMs`. */
  async until<T>(what: string, timeoutMs: number, check: () => T | undefined, context: () => string): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - performance.now();
      if (left <= 0)
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; client errors: ${this.errors
            .slice(0, 5)
            .map((e) => e.message)
            .join(' | ')}\n${context()}`,
        );
      await new Promise<void>((done) => {
        const timer = setTimeout(wake, Math.min(left, 1000));
        function wake(): void {
          clearTimeout(timer);
          done();
        }
        this.waiters.add(wake);
      });
    }
  }

  stop(): void {
    for (const client of this.clients) void client.stop();
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}
