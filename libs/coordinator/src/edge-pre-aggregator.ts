import { modelParameterCount } from '@edgefl/protocol';
import type { UpdateMessage } from '@edgefl/protocol';
import { boundUpdate } from './bound-update';
import type { CoordinatorConfig } from './coordinator-config';
import type { CoordinatorLogger } from './coordinator-logger';
import { decodeUpdatePayload } from './decode-update-payload';
import { preAggregationBlocker } from './edge-pre-aggregation';
import { NodePartialSum } from './node-partial-sum';
import type { NodePartial, PartialContributor } from './node-partial-sum';

/** What a follower tells the leader of one client's update it holds: everything but the payload. */
export interface HeldUpdateReport {
  nodeId: string;
  clientId: string;
  roundId: string;
  modelVersion: number;
  numSamples: number;
  /** The FedAvg weight after the defences. */
  weight: number;
  loss?: number;
  /** The size of the payload the node holds (for the leader's `update-accepted` event). */
  payloadBytes: number;
}

/** A node's partial as it crosses Redis: the float64 sum as its bytes (little-endian, the platform's). */
export interface WireNodePartial {
  roundId: string;
  nodeId: string;
  weightedSum: Uint8Array;
  totalWeight: number;
  contributors: PartialContributor[];
}

/** How many announced rounds a node holds updates for (the open one and a few before it). */
const KEPT_ROUNDS = 3;

/**
 * The follower's half of edge pre-aggregation: each plain update of this node's own clients is
 * checked here as the leader would check its content (decode, shape, finite, norm bound, sample
 * cap) and held; the leader only hears that it arrived ({@link HeldUpdateReport}); at the end of
 * the train stage the leader names the ones it accepted and gets one {@link WireNodePartial}
 * for this node. Runs where the sum is not enough ({@link preAggregationBlocker}) relay per client.
 * Only updates for a round the leader announced ({@link open}) are held: a client's update naming
 * any other round id is relayed as it is (the leader refuses it), so it can neither evict the open
 * round's held updates nor make the node hold deltas for rounds that never run.
 *
 * @example
 * const edge = new EdgePreAggregator('node-1', config, logger);
 * edge.open('run/3/1'); // the leader announced the round
 * const report = edge.hold('phone-1', update); // undefined: relay it as before
 * const partial = edge.answer(report.roundId, ['phone-1']);
 */
export class EdgePreAggregator {
  private readonly rounds = new Map<string, NodePartialSum>();
  /** The plain rounds the leader announced, oldest first (at most KEPT_ROUNDS). */
  private readonly announced: string[] = [];
  private readonly blocker: string | undefined;
  /** The model's parameter count, from its spec (the leader checks each partial's length again). */
  private readonly length: number;

  constructor(
    readonly nodeId: string,
    private readonly config: CoordinatorConfig,
    logger: CoordinatorLogger,
  ) {
    this.blocker = preAggregationBlocker(config);
    this.length = modelParameterCount(config.model);
    if (this.blocker !== undefined)
      logger.info({ why: this.blocker }, 'edge pre-aggregation off: updates are relayed to the leader one by one');
  }

  /**
   * Checks and holds one update, returning what to tell the leader; `undefined` when this run does
   * not pre-aggregate or the update's round was not announced ({@link open}). Throws the
   * `ProtocolError` the leader would answer for a bad payload.
   */
  hold(clientId: string, update: UpdateMessage): HeldUpdateReport | undefined {
    if (this.blocker !== undefined || !this.announced.includes(update.roundId)) return undefined;
    const decoded = decodeUpdatePayload(update, this.config.encoding, this.length);
    const { delta, weight } = boundUpdate(decoded, update.numSamples, this.config.defence);
    const loss = update.metrics?.loss;
    const contributor: PartialContributor = { clientId, numSamples: update.numSamples, weight };
    if (loss !== undefined && Number.isFinite(loss)) contributor.loss = loss;
    this.round(update.roundId).hold(clientId, delta, contributor);
    const report: HeldUpdateReport = {
      nodeId: this.nodeId,
      clientId,
      roundId: update.roundId,
      modelVersion: update.modelVersion,
      numSamples: update.numSamples,
      weight,
      payloadBytes: update.payload.byteLength,
    };
    if (contributor.loss !== undefined) report.loss = contributor.loss;
    return report;
  }

  /**
   * The leader opened plain round `roundId`: this node holds its clients' updates for it from now
   * on. Keeps the last {@link KEPT_ROUNDS} announced rounds and forgets what it held for older ones.
   */
  open(roundId: string): void {
    if (this.announced.includes(roundId)) return;
    this.announced.push(roundId);
    for (const old of this.announced.splice(0, Math.max(0, this.announced.length - KEPT_ROUNDS)))
      this.rounds.delete(old);
  }

  /** The leader asks for this node's partial of `roundId` over the clients it accepted. */
  answer(roundId: string, accepted: readonly string[]): WireNodePartial {
    const held = this.rounds.get(roundId);
    this.rounds.delete(roundId);
    const partial: NodePartial = held
      ? held.partial(accepted)
      : { roundId, nodeId: this.nodeId, weightedSum: new Float64Array(0), totalWeight: 0, contributors: [] };
    return { ...partial, weightedSum: toWire(partial.weightedSum) };
  }

  private round(roundId: string): NodePartialSum {
    let sum = this.rounds.get(roundId);
    if (sum === undefined) {
      // An announced round (hold checked it): at most KEPT_ROUNDS of them, so the map stays bounded.
      sum = new NodePartialSum(roundId, this.nodeId, this.length);
      this.rounds.set(roundId, sum);
    }
    return sum;
  }
}

function toWire(sum: Float64Array): Uint8Array {
  return new Uint8Array(sum.buffer, sum.byteOffset, sum.byteLength);
}

/**
 * The leader's reading of a partial that crossed Redis (the adapter's msgpack gives binary back as
 * a Uint8Array, possibly unaligned): a {@link NodePartial}, or a named error for a malformed one.
 */
export function fromWirePartial(wire: WireNodePartial): NodePartial {
  const bytes = wire.weightedSum;
  if (!(bytes instanceof Uint8Array) || bytes.byteLength % 8 !== 0)
    throw new RangeError(`partial of node ${String(wire.nodeId)}: weightedSum is not float64 bytes`);
  if (!Array.isArray(wire.contributors))
    throw new RangeError(`partial of node ${String(wire.nodeId)}: contributors is not a list`);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return {
    roundId: String(wire.roundId),
    nodeId: String(wire.nodeId),
    weightedSum: new Float64Array(copy.buffer),
    totalWeight: Number(wire.totalWeight),
    contributors: wire.contributors,
  };
}
