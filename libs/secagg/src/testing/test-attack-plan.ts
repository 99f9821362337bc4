import { entryOf } from '../entry-of';

/**
 * Test helper: the "dropped and survived" lie of docs/THREAT-MODEL.md 5.2, planned exactly. To
 * unmask `target`, an active server needs t self-seed shares of the target (every holder keeps the
 * target among its survivors, so that part is free) and, for every peer j the target masked with,
 * t mask-key shares of j: t holders of j's shares must be told "j dropped". A client can tell only
 * |peers| - t such lies (it insists on t surviving peers), so this is a bipartite b-matching,
 * solved as a max flow. Returns the claimed dropouts per client, or undefined if none exists.
 */
export interface DropoutLiePlanInput {
  readonly ids: readonly number[];
  /** Peers of a client: the neighbours whose shares it holds (and masked with). */
  readonly peersOf: (id: number) => readonly number[];
  readonly target: number;
  readonly threshold: number;
}

export function planDropoutLies(input: DropoutLiePlanInput): Map<number, Set<number>> | undefined {
  const { ids, peersOf, target, threshold } = input;
  const needed = peersOf(target);
  // Nodes: 0 source, 1..n "peer j needs t liars", n+1..2n "client c can lie about k-t peers", 2n+1 sink.
  const positions = new Map(ids.map((id, position) => [id, position + 1] as const));
  const index = (id: number): number => entryOf(positions, id, 'flow node');
  const n = ids.length;
  const sink = 2 * n + 1;
  const capacity = Array.from({ length: 2 * n + 2 }, () => new Array<number>(2 * n + 2).fill(0));
  for (const j of needed) capacity[0][index(j)] = threshold;
  for (const c of ids) {
    const peers = peersOf(c);
    capacity[n + index(c)][sink] = Math.max(0, peers.length - threshold);
    for (const j of peers) if (needed.includes(j)) capacity[index(j)][n + index(c)] = 1;
  }
  const flow = maxFlow(capacity, 0, sink);
  if (flow < needed.length * threshold) return undefined;
  const plan = new Map<number, Set<number>>();
  for (const c of ids) {
    for (const j of needed) {
      // A used edge j -> c has its capacity moved to the reverse edge c -> j.
      if (capacity[n + index(c)][index(j)] > 0) {
        const claims = plan.get(c) ?? new Set<number>();
        claims.add(j);
        plan.set(c, claims);
      }
    }
  }
  return plan;
}

function maxFlow(capacity: number[][], source: number, sink: number): number {
  let flow = 0;
  for (;;) {
    const previous = new Array<number>(capacity.length).fill(-1);
    previous[source] = source;
    const queue = [source];
    for (let from = queue.shift(); from !== undefined && previous[sink] < 0; from = queue.shift()) {
      for (let to = 0; to < capacity.length; to++) {
        if (previous[to] < 0 && capacity[from][to] > 0) {
          previous[to] = from;
          queue.push(to);
        }
      }
    }
    if (previous[sink] < 0) return flow;
    let bottleneck = Infinity;
    for (let node = sink; node !== source; node = previous[node])
      bottleneck = Math.min(bottleneck, capacity[previous[node]][node]);
    for (let node = sink; node !== source; node = previous[node]) {
      capacity[previous[node]][node] -= bottleneck;
      capacity[node][previous[node]] += bottleneck;
    }
    flow += bottleneck;
  }
}
