import { FedAvgSum } from '@edgefl/aggregation';
import { ErrorCode, ProtocolError } from '@edgefl/protocol';

/** One client counted in a node's partial sum: what the leader's round record needs of it. */
export interface PartialContributor {
  clientId: string;
  /** The client's reported sample count. */
  numSamples: number;
  /** Its FedAvg weight after the defences (min(numSamples, sampleCap)). */
  weight: number;
  /** Its reported training loss, when finite. */
  loss?: number;
}

/**
 * One coordinator node's share of a plain FedAvg round: sum_k w_k * delta_k and sum_k w_k over the
 * node's clients the leader accepted, with the list of them. The leader adds it to its own sum
 * ({@link mergeNodePartial}); per-client deltas stay on the node.
 */
export interface NodePartial {
  roundId: string;
  nodeId: string;
  weightedSum: Float64Array;
  totalWeight: number;
  contributors: PartialContributor[];
}

interface HeldDelta {
  delta: Float32Array;
  contributor: PartialContributor;
}

/**
 * The checked updates of one node's own clients for one open plain round (decoded, shape, finite
 * and norm checks already passed on the node, as the leader applies them), held until the leader
 * names the ones it accepted; then folded into one {@link NodePartial}. Only for FedAvg without DP:
 * a robust aggregator (median, Krum, trimmed mean) needs every update and DP's adaptive clip lives
 * on the leader, so those rounds keep relaying per client (docs/SCALING.md, "Edge pre-aggregation").
 *
 * @example
 * const node = new NodePartialSum('round-3', 'node-1', model.length);
 * node.hold('phone-1', delta, { clientId: 'phone-1', numSamples: 600, weight: 600, loss: 0.4 });
 * const partial = node.partial(['phone-1']); // what the leader gets, once per node and round
 */
export class NodePartialSum {
  private readonly held = new Map<string, HeldDelta>();

  constructor(
    readonly roundId: string,
    readonly nodeId: string,
    private readonly length: number,
  ) {}

  /**
   * Keeps one client's checked delta; a second one for the same client is refused
   * (`duplicate-report`), as the leader refuses its second report: the partial must hold the update
   * the leader admitted. (A round a new leader runs again after a failover has the next attempt's
   * round id, so its updates are held apart.)
   */
  hold(clientId: string, delta: Float32Array, contributor: PartialContributor): void {
    if (this.held.has(clientId)) {
      throw new ProtocolError(
        ErrorCode.DuplicateReport,
        `client ${clientId} already reported for round ${this.roundId}`,
      );
    }
    if (delta.length !== this.length) {
      throw new RangeError(`delta has length ${delta.length}, expected ${this.length} (length mismatch)`);
    }
    this.held.set(clientId, { delta, contributor });
  }

  /** How many updates are held. */
  get size(): number {
    return this.held.size;
  }

  /**
   * Folds the held updates of `accepted` (the leader's choice, in its order; ids this node does not
   * hold are skipped) into one partial sum, and forgets every held update.
   */
  partial(accepted: readonly string[]): NodePartial {
    const sum = new FedAvgSum(this.length);
    const contributors: PartialContributor[] = [];
    for (const clientId of accepted) {
      const held = this.held.get(clientId);
      if (held === undefined) continue;
      sum.add(held.delta, held.contributor.weight);
      contributors.push(held.contributor);
      this.held.delete(clientId);
    }
    this.held.clear();
    return {
      roundId: this.roundId,
      nodeId: this.nodeId,
      weightedSum: sum.weightedSum,
      totalWeight: sum.totalWeight,
      contributors,
    };
  }
}

/** A node's partial that does not fit the round it was sent for. */
export class NodePartialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodePartialError';
  }
}

/**
 * The leader's check and fold of one node's partial: it must be for `roundId`, name exactly the
 * clients the leader accepted from that node (`expected`, by id, each once, with the weights the
 * leader recorded), carry a finite sum of the model's length and a total weight equal to the sum of its
 * contributors' weights. Then it is added to the round's sum; otherwise a {@link NodePartialError}
 * names what is wrong and nothing is added.
 *
 * @example
 * mergeNodePartial(state.sum, partial, state.roundId, acceptedFrom.get(partial.nodeId) ?? new Map());
 */
export function mergeNodePartial(
  sum: FedAvgSum,
  partial: NodePartial,
  roundId: string,
  expected: ReadonlyMap<string, number>,
): void {
  const from = `partial of node ${partial.nodeId}`;
  if (partial.roundId !== roundId) throw new NodePartialError(`${from} is for ${partial.roundId}, not ${roundId}`);
  if (partial.weightedSum.length !== sum.weightedSum.length) {
    throw new NodePartialError(
      `${from} has length ${partial.weightedSum.length}, expected ${sum.weightedSum.length} (length mismatch)`,
    );
  }
  if (partial.contributors.length !== expected.size) {
    throw new NodePartialError(`${from} names ${partial.contributors.length} clients, expected ${expected.size}`);
  }
  let weights = 0;
  const named = new Set<string>();
  for (const { clientId, weight } of partial.contributors) {
    // The count matches: one id twice stands for an accepted client whose update is missing.
    if (named.has(clientId)) throw new NodePartialError(`${from} names client ${clientId} twice`);
    named.add(clientId);
    if (expected.get(clientId) !== weight) {
      throw new NodePartialError(`${from}: client ${clientId} was not accepted with weight ${weight}`);
    }
    weights += weight;
  }
  if (weights !== partial.totalWeight) {
    throw new NodePartialError(`${from}: total weight ${partial.totalWeight} is not its clients' ${weights}`);
  }
  for (const value of partial.weightedSum) {
    if (!Number.isFinite(value)) throw new NodePartialError(`${from} holds a non-finite value`);
  }
  sum.addSum(partial.weightedSum, partial.totalWeight);
}
