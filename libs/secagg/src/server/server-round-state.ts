import {
  assertBytes,
  assertDistinctClientIndices,
  assertModulusBits,
  assertRoundId,
  assertVectorLength,
} from '../argument-checks';
import { buildNeighbourGraph, defaultNeighbourCount, defaultThreshold, type NeighbourGraph } from '../neighbour-graph';
import type { SecAggEncryptedShare } from '@edgefl/protocol';
import type { ConsistencySignature, KeyAdvertisement, RevealedShares } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';

/** Construction options of a server round. */
export interface SecAggServerOptions {
  readonly roundId: string;
  /** The cohort's client indices (1-based positions, at most 65535). */
  readonly cohortIndices: readonly number[];
  /** k; defaults to defaultNeighbourCount(n). k >= n-1 runs classic SecAgg. */
  readonly neighbourCount?: number;
  /** t; defaults to defaultThreshold(degree). Must satisfy degree/2 < t <= degree. */
  readonly threshold?: number;
  readonly modulusBits: number;
  readonly vectorLength: number;
  /** 32-byte public seed of the neighbour graph (fresh per round). */
  readonly graphSeed: Uint8Array;
  /** Registered identity public keys; if given, the server rejects forged advertisements (and consistency signatures) up front. */
  readonly identityPublicKeys?: ReadonlyMap<number, Uint8Array>;
  /**
   * Run the ConsistencyCheck stage between MaskedInput and Unmask (default false): closeMaskedInput
   * then leads to ConsistencyCheck, and only clients that signed the survivor set are asked to unmask.
   * The clients must enable it too, from their own policy (SecAggClientConfig.consistencyCheck).
   */
  readonly consistencyCheck?: boolean;
}

/** The state the server stages read and update. */
export interface ServerRoundState {
  readonly roundId: string;
  readonly cohortIndices: readonly number[];
  readonly neighbourCount: number;
  readonly threshold: number;
  readonly modulusBits: number;
  readonly vectorLength: number;
  readonly graph: NeighbourGraph;
  readonly identityPublicKeys?: ReadonlyMap<number, Uint8Array>;
  readonly consistencyCheck: boolean;
  stage: RoundStage;
  /** U1 once AdvertiseKeys closes. */
  readonly advertisements: Map<number, KeyAdvertisement>;
  /** Every public key advertised so far this round (hex), so a reused one is refused. */
  readonly advertisedKeys: Set<string>;
  /** U2 once ShareKeys closes: each sharer's boxes, `peer` = recipient. */
  readonly shareUploads: Map<number, readonly SecAggEncryptedShare[]>;
  /** U3 once MaskedInput closes (a client whose y another node holds maps to {@link HELD_ELSEWHERE}). */
  readonly maskedInputs: Map<number, Uint32Array>;
  /** Survivors whose y another node holds and whose node's partial sum has not come in yet. */
  readonly heldElsewhere: Set<number>;
  /** Partial sums mod 2^m of held inputs (edge pre-aggregation), each over clients of `maskedInputs`. */
  readonly maskedPartials: Uint32Array[];
  /** U4 (consistency check on): survivors that signed U3, by signer. */
  readonly consistencySignatures: Map<number, ConsistencySignature>;
  readonly revealed: Map<number, RevealedShares>;
  /** Who was expected in a stage and did not answer, by stage. */
  readonly dropouts: Map<RoundStage, number[]>;
}

/** Checks the options, builds the graph, and returns the state collecting advertisements. */
export function createServerRoundState(options: SecAggServerOptions): ServerRoundState {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  assertRoundId(options.roundId, 'options.roundId');
  const cohortIndices = assertDistinctClientIndices(options.cohortIndices, 'options.cohortIndices');
  if (cohortIndices.length < 2) throw new RangeError('options.cohortIndices must hold at least 2 clients');
  const neighbourCount = options.neighbourCount ?? defaultNeighbourCount(cohortIndices.length);
  assertBytes(options.graphSeed, 32, 'options.graphSeed');
  const graph = buildNeighbourGraph(cohortIndices, neighbourCount, options.graphSeed);
  const threshold = options.threshold ?? defaultThreshold(graph.degree);
  if (!Number.isInteger(threshold) || threshold <= graph.degree / 2 || threshold > graph.degree) {
    throw new RangeError(
      `options.threshold must be an integer with degree/2 < t <= degree = ${graph.degree}, got ${threshold}`,
    );
  }
  assertModulusBits(options.modulusBits, 'options.modulusBits');
  assertVectorLength(options.vectorLength, 'options.vectorLength');
  if (options.identityPublicKeys !== undefined && !(options.identityPublicKeys instanceof Map)) {
    throw new TypeError('options.identityPublicKeys must be a Map');
  }
  if (options.consistencyCheck !== undefined && typeof options.consistencyCheck !== 'boolean') {
    throw new TypeError('options.consistencyCheck must be a boolean when given');
  }
  return {
    roundId: options.roundId,
    cohortIndices,
    neighbourCount,
    threshold,
    modulusBits: options.modulusBits,
    vectorLength: options.vectorLength,
    graph,
    identityPublicKeys: options.identityPublicKeys,
    consistencyCheck: options.consistencyCheck === true,
    stage: RoundStage.AdvertiseKeys,
    advertisements: new Map(),
    advertisedKeys: new Set(),
    shareUploads: new Map(),
    maskedInputs: new Map(),
    heldElsewhere: new Set(),
    maskedPartials: [],
    consistencySignatures: new Map(),
    revealed: new Map(),
    dropouts: new Map(),
  };
}

/** What `maskedInputs` maps a survivor to whose y another node holds (its sum comes as a partial). */
export const HELD_ELSEWHERE: Uint32Array = new Uint32Array(0);

/** Neighbours of `id` on the round graph. */
export function neighboursOf(state: ServerRoundState, id: number): readonly number[] {
  const neighbours = state.graph.neighbours.get(id);
  if (neighbours === undefined) throw new RangeError(`client ${id} is not in the cohort of round ${state.roundId}`);
  return neighbours;
}

/** U3, ascending: the clients whose masked input the server took. */
export function survivorsOf(state: ServerRoundState): number[] {
  return [...state.maskedInputs.keys()].sort((a, b) => a - b);
}

/** U2-peers of a client: its neighbours that completed ShareKeys (they sent it shares; it masks with them). */
export function sharingPeersOf(state: ServerRoundState, id: number): number[] {
  return neighboursOf(state, id).filter((peer) => state.shareUploads.has(peer));
}
