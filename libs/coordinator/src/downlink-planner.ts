import type { DownlinkDelta, TaskMessage } from '@edgefl/protocol';
import { modelHash } from '@edgefl/protocol';
import { applyQuantizedDelta, encodeQuantizedUpdate, stochasticQuantize } from '@edgefl/quantization';
import { deriveSeed } from '@edgefl/random';
import type { DownlinkConfig } from './downlink-config';

/** A full model a client holds as its base: the version, its exact weights and their hash. */
interface Base {
  version: number;
  weights: Float32Array;
  hash: string;
}

/**
 * Decides, per client and task, whether the global model goes out in full (`task.weights`) or as
 * a quantized delta from the client's base (`task.downlink`), docs/PROTOCOL.md "Downlink deltas".
 *
 * A client's base is the last full model it was sent, recorded once the client reported in that
 * round (`reported`), which proves it received it. Every delta is taken from that exact base to
 * the coordinator's exact current model, so quantization error never accumulates: the client's
 * start is always within one grid step (per value, `downlink.maxError`) of the true model. New
 * clients, clients that reconnected (`forget`) and clients whose base is more than `maxLag`
 * versions old get the full model. Deltas are computed once per (version, base) pair. As versions
 * advance, bases and pending full models more than `maxLag` versions behind are dropped (such a
 * client gets the full model anyway), so clients that never come back hold no old model for ever.
 *
 * @example
 * const planner = new DownlinkPlanner(DEFAULT_DOWNLINK, runSeed);
 * channel.send(clientId, 'task', planner.personalize(task, clientId, globalWeights, client.deltaDownlink === true));
 * planner.reported(clientId, task.roundId); // on its update
 */
export class DownlinkPlanner {
  private readonly bases = new Map<string, Base>();
  private readonly pending = new Map<string, { roundId: string; base: Base }>();
  private cache?: { version: number; weights: Float32Array; deltas: Map<number, DownlinkDelta> };
  private readonly variants = new WeakMap<TaskMessage, Map<DownlinkDelta, TaskMessage>>();
  /** The newest model version personalized so far: entries are pruned when it advances. */
  private newest = -1;

  constructor(
    private readonly config: DownlinkConfig,
    private readonly seed: number,
  ) {}

  /**
   * The task for `clientId`: with `downlink` in place of `weights` when the client holds a usable
   * base. Clients given the same delta of the same task get the same object, and clients given the
   * full model get `task` itself, so the runner can send each distinct task once.
   */
  personalize(task: TaskMessage, clientId: string, weights: Float32Array, acceptsDelta: boolean): TaskMessage {
    if (!acceptsDelta) return task;
    const version = task.modelVersion;
    if (version > this.newest) this.prune((this.newest = version));
    const base = this.bases.get(clientId);
    if (
      base &&
      base.version <= version &&
      version - base.version <= this.config.maxLag &&
      base.weights.length === weights.length
    ) {
      const downlink = this.deltaFor(version, weights, base);
      let variants = this.variants.get(task);
      if (!variants) this.variants.set(task, (variants = new Map()));
      let variant = variants.get(downlink);
      if (!variant) {
        const { weights: _full, ...rest } = task;
        variants.set(downlink, (variant = { ...rest, downlink }));
      }
      return variant;
    }
    this.pending.set(clientId, { roundId: task.roundId, base: { version, weights, hash: modelHash(weights) } });
    return task;
  }

  /** The client reported in `roundId`: a full model sent to it in that round becomes its base. */
  reported(clientId: string, roundId: string): void {
    const pending = this.pending.get(clientId);
    if (pending?.roundId !== roundId) return;
    this.bases.set(clientId, pending.base);
    this.pending.delete(clientId);
  }

  /** Forgets what the client holds (it reconnected, maybe as a fresh process): its next task is full. */
  forget(clientId: string): void {
    this.bases.delete(clientId);
    this.pending.delete(clientId);
  }

  /** Clients with a recorded base. */
  get tracked(): number {
    return this.bases.size;
  }

  /** What the planner holds: recorded bases, pending full models, and the distinct model versions they reference. */
  get footprint(): { bases: number; pending: number; versions: number } {
    const versions = new Set<number>();
    for (const base of this.bases.values()) versions.add(base.version);
    for (const { base } of this.pending.values()) versions.add(base.version);
    return { bases: this.bases.size, pending: this.pending.size, versions: versions.size };
  }

  /** Drops the entries too far behind `version` to ever serve a delta, and with them the model versions only they held. */
  private prune(version: number): void {
    const oldest = version - this.config.maxLag;
    for (const [clientId, base] of this.bases) if (base.version < oldest) this.bases.delete(clientId);
    for (const [clientId, { base }] of this.pending) if (base.version < oldest) this.pending.delete(clientId);
  }

  private deltaFor(version: number, weights: Float32Array, base: Base): DownlinkDelta {
    if (this.cache?.version !== version || this.cache.weights !== weights)
      this.cache = { version, weights, deltas: new Map() };
    const cached = this.cache.deltas.get(base.version);
    if (cached && cached.baseHash === base.hash) return cached;
    const difference = new Float32Array(weights.length);
    for (let i = 0; i < weights.length; i++) difference[i] = weights[i] - base.weights[i];
    const quantized = stochasticQuantize(
      difference,
      { bits: this.config.bits, clip: { kind: 'per-chunk', chunkSize: this.config.chunkSize } },
      deriveSeed(this.seed, 'downlink', version, base.version),
    );
    const bytes = encodeQuantizedUpdate(quantized);
    const rebuilt = applyQuantizedDelta(base.weights, bytes);
    let maxError = 0;
    for (let i = 0; i < weights.length; i++) maxError = Math.max(maxError, Math.abs(rebuilt[i] - weights[i]));
    const delta: DownlinkDelta = {
      baseVersion: base.version,
      baseHash: base.hash,
      delta: bytes,
      modelHash: modelHash(rebuilt),
      maxError,
    };
    this.cache.deltas.set(base.version, delta);
    return delta;
  }
}
