import { assertBytes, assertDistinctClientIndices } from './argument-checks';
import { xsalsa20Keystream } from './xsalsa20-keystream';

/**
 * The SecAgg+ communication graph (Bell et al. 2020): each client masks with and shares to its
 * neighbours only. We use a Harary (circulant) graph over a seeded random permutation: node at
 * position p of the permutation links to positions p +/- 1..k/2 (mod n). Every node has degree
 * exactly k; k >= n-1 gives the complete graph, i.e. classic SecAgg (Bonawitz et al. 2017).
 */
export interface NeighbourGraph {
  /** Effective degree: min(k, n-1). */
  readonly degree: number;
  /** Node ids ascending. */
  readonly nodeIds: readonly number[];
  /** Neighbours of each node, ascending ids. */
  readonly neighbours: ReadonlyMap<number, readonly number[]>;
}

/** XSalsa20 nonce of the graph permutation: ASCII "edgefl/secagg/v1/graph" zero-padded to 24 bytes. */
export const GRAPH_NONCE: Uint8Array = (() => {
  const nonce = new Uint8Array(24);
  nonce.set(new TextEncoder().encode('edgefl/secagg/v1/graph'));
  return nonce;
})();

/**
 * Builds the k-regular neighbour graph of a round from a 32-byte public seed. k must be even
 * unless k >= n-1 (complete graph).
 *
 * Permutation (docs/SECAGG.md, "Neighbour graph"): words are the little-endian u32s of the
 * XSalsa20 keystream (key = seed, nonce = GRAPH_NONCE); Fisher-Yates over the ascending ids, for
 * i = n-1 down to 1, draws words until one is below floor(2^32 / (i+1)) * (i+1) and swaps
 * positions i and (word mod (i+1)).
 *
 * @example
 * const graph = buildNeighbourGraph([1, 2, 3, 4, 5, 6, 7, 8], 4, seed);
 * graph.neighbours.get(3); // four ids
 */
export function buildNeighbourGraph(
  nodeIds: readonly number[],
  neighbourCount: number,
  seed: Uint8Array,
): NeighbourGraph {
  const ids = assertDistinctClientIndices(nodeIds, 'nodeIds');
  if (ids.length < 2) throw new RangeError('nodeIds must hold at least 2 nodes');
  assertBytes(seed, 32, 'seed');
  const n = ids.length;
  if (!Number.isInteger(neighbourCount) || neighbourCount < 1) {
    throw new RangeError(`neighbourCount must be a positive integer, got ${neighbourCount}`);
  }
  const complete = neighbourCount >= n - 1;
  if (!complete && neighbourCount % 2 !== 0) {
    throw new RangeError(`neighbourCount must be even below n-1 = ${n - 1}, got ${neighbourCount}`);
  }
  const neighbours = new Map<number, number[]>();
  if (complete) {
    for (const id of ids)
      neighbours.set(
        id,
        ids.filter((other) => other !== id),
      );
    return { degree: n - 1, nodeIds: ids, neighbours };
  }
  const order = seededPermutation(ids, seed);
  const half = neighbourCount / 2;
  for (let position = 0; position < n; position++) {
    const adjacent: number[] = [];
    for (let offset = 1; offset <= half; offset++) {
      adjacent.push(order[(position + offset) % n], order[(position - offset + n) % n]);
    }
    neighbours.set(
      order[position],
      adjacent.sort((a, b) => a - b),
    );
  }
  return { degree: neighbourCount, nodeIds: ids, neighbours };
}

/**
 * The default k of SecAgg+: 2 * ceil(log2 n) rounded up to even (it already is), capped at n-1.
 *
 * @example
 * defaultNeighbourCount(100); // 14
 * defaultNeighbourCount(5);   // 4 = n-1: complete graph
 */
export function defaultNeighbourCount(cohortSize: number): number {
  if (!Number.isInteger(cohortSize) || cohortSize < 2) {
    throw new RangeError(`cohortSize must be an integer >= 2, got ${cohortSize}`);
  }
  return Math.min(cohortSize - 1, 2 * Math.ceil(Math.log2(cohortSize)));
}

/**
 * The default Shamir threshold for degree k: floor(k/2) + 1, the least t with 2t > k, so no
 * server can collect both a self-seed and a mask-key threshold of shares of one client from
 * honest neighbours that each reveal only one kind (Bell et al. 2020; Bonawitz et al. 2017).
 *
 * @example
 * defaultThreshold(14); // 8
 */
export function defaultThreshold(degree: number): number {
  if (!Number.isInteger(degree) || degree < 1) throw new RangeError(`degree must be a positive integer, got ${degree}`);
  return Math.floor(degree / 2) + 1;
}

function seededPermutation(ids: readonly number[], seed: Uint8Array): number[] {
  const order = [...ids];
  const words = new KeystreamWords(seed);
  for (let i = order.length - 1; i >= 1; i--) {
    const range = i + 1;
    const limit = Math.floor(0x100000000 / range) * range;
    let word = words.next();
    while (word >= limit) word = words.next();
    const j = word % range;
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

/** Reads u32 words off the keystream, regrowing it (same prefix) when rejection sampling runs long. */
class KeystreamWords {
  private stream: Uint8Array;
  private offset = 0;

  constructor(private readonly seed: Uint8Array) {
    this.stream = xsalsa20Keystream(seed, GRAPH_NONCE, 1024);
  }

  next(): number {
    if (this.offset + 4 > this.stream.length) {
      this.stream = xsalsa20Keystream(this.seed, GRAPH_NONCE, this.stream.length * 2);
    }
    const b = this.offset;
    this.offset += 4;
    return (this.stream[b] | (this.stream[b + 1] << 8) | (this.stream[b + 2] << 16) | (this.stream[b + 3] << 24)) >>> 0;
  }
}
