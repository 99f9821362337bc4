import { FedAvgSum, fedAvg, meanFromWeightedSum } from '@edgefl/aggregation';
import { NodePartialSum, mergeNodePartial } from './node-partial-sum';
import type { PartialContributor } from './node-partial-sum';

/** A fixed pseudo-random sequence (xorshift32), so the updates are the same on every run. */
function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32 - 0.5;
  };
}

const LENGTH = 257;
const next = sequence(20261130);
const updates = Array.from({ length: 12 }, (_, i) => ({
  clientId: `phone-${i}`,
  delta: Float32Array.from({ length: LENGTH }, () => next() * 0.1),
  weight: 50 + 37 * i,
  loss: 0.5 + i / 100,
}));
const contributor = (u: (typeof updates)[number]): PartialContributor => ({
  clientId: u.clientId,
  numSamples: u.weight,
  weight: u.weight,
  loss: u.loss,
});

describe('NodePartialSum', () => {
  it('3 nodes: the leader folds its own clients and one partial per follower; the mean is FedAvg over every update', () => {
    // Clients spread over three nodes as the simulator does (client i on node i mod 3); node-0 leads.
    const leaderSum = new FedAvgSum(LENGTH);
    const followers = [new NodePartialSum('r-1', 'node-1', LENGTH), new NodePartialSum('r-1', 'node-2', LENGTH)];
    const acceptedFrom = new Map<string, Map<string, number>>([
      ['node-1', new Map()],
      ['node-2', new Map()],
    ]);
    for (const [i, update] of updates.entries()) {
      if (i % 3 === 0) {
        leaderSum.add(update.delta, update.weight);
        continue;
      }
      const node = followers[(i % 3) - 1];
      node.hold(update.clientId, update.delta, contributor(update));
      acceptedFrom.get(node.nodeId)?.set(update.clientId, update.weight);
    }
    for (const node of followers) {
      const accepted = [...(acceptedFrom.get(node.nodeId)?.keys() ?? [])];
      const partial = node.partial(accepted);
      expect(partial.contributors.map((c) => c.clientId)).toEqual(accepted);
      expect(node.size).toBe(0);
      mergeNodePartial(leaderSum, partial, 'r-1', acceptedFrom.get(node.nodeId) ?? new Map());
    }

    const reference = new FedAvgSum(LENGTH);
    for (const update of updates) reference.add(update.delta, update.weight);
    expect(leaderSum.totalWeight).toBe(reference.totalWeight);
    for (let i = 0; i < LENGTH; i++) {
      // float64 sums in another order: equal to the last few bits of a float64.
      expect(Math.abs(leaderSum.weightedSum[i] - reference.weightedSum[i])).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(reference.weightedSum[i])),
      );
    }
    // The float32 mean the round commits is the one fedAvg gives over the list (bit for bit here).
    expect(meanFromWeightedSum(leaderSum.weightedSum, leaderSum.totalWeight)).toEqual(
      fedAvg(updates.map(({ delta, weight }) => ({ delta, weight }))),
    );
  });

  it('folds only the clients the leader accepted, in its order, and forgets the rest', () => {
    const node = new NodePartialSum('r-2', 'node-1', LENGTH);
    for (const update of updates.slice(0, 4)) node.hold(update.clientId, update.delta, contributor(update));
    const partial = node.partial(['phone-2', 'phone-0', 'phone-9']);
    expect(partial.contributors.map((c) => c.clientId)).toEqual(['phone-2', 'phone-0']);
    expect(partial.totalWeight).toBe(updates[2].weight + updates[0].weight);
    expect(node.size).toBe(0);
  });

  it('refuses a second update of a client with another weight and a delta of the wrong length', () => {
    const node = new NodePartialSum('r-3', 'node-1', LENGTH);
    node.hold('phone-0', updates[0].delta, contributor(updates[0]));
    expect(() => node.hold('phone-0', updates[0].delta, { ...contributor(updates[0]), weight: 1 })).toThrow(
      'client phone-0 already reported for round r-3',
    );
    expect(() => node.hold('phone-0', updates[0].delta, { ...contributor(updates[0]), numSamples: 1 })).toThrow(
      'client phone-0 already reported for round r-3',
    );
    expect(() => node.hold('phone-1', new Float32Array(3), contributor(updates[1]))).toThrow(
      'delta has length 3, expected 257 (length mismatch)',
    );
  });

  it('a second update of a client is refused, even with the same weight: the partial holds the one the leader admitted', () => {
    // The leader admits the first report and refuses the second as duplicate-report: the node must
    // not fold the second delta in place of the first. (A new leader runs a failed-over round under
    // a new attempt's round id, so it never needs a second update under the same id.)
    const node = new NodePartialSum('r-3', 'node-1', LENGTH);
    node.hold('phone-0', updates[0].delta, contributor(updates[0]));
    expect(() => node.hold('phone-0', updates[1].delta, contributor(updates[0]))).toThrow(
      'client phone-0 already reported for round r-3',
    );
    expect(node.size).toBe(1);
    const partial = node.partial(['phone-0']);
    expect(partial.contributors).toEqual([contributor(updates[0])]);
    expect(Array.from(partial.weightedSum)).toEqual(Array.from(updates[0].delta, (v) => v * updates[0].weight));
  });

  it('the leader refuses a partial for another round, with other clients, a wrong total or a non-finite sum', () => {
    const make = (): ReturnType<NodePartialSum['partial']> => {
      const node = new NodePartialSum('r-4', 'node-1', LENGTH);
      node.hold('phone-1', updates[1].delta, contributor(updates[1]));
      return node.partial(['phone-1']);
    };
    const expected = new Map([['phone-1', updates[1].weight]]);
    const sum = new FedAvgSum(LENGTH);
    expect(() => mergeNodePartial(sum, make(), 'r-5', expected)).toThrow('partial of node node-1 is for r-4, not r-5');
    expect(() => mergeNodePartial(sum, make(), 'r-4', new Map([['phone-2', 87]]))).toThrow(
      'partial of node node-1: client phone-1 was not accepted with weight 87',
    );
    expect(() => mergeNodePartial(sum, make(), 'r-4', new Map())).toThrow(
      'partial of node node-1 names 1 clients, expected 0',
    );
    expect(() => mergeNodePartial(sum, { ...make(), totalWeight: 1 }, 'r-4', expected)).toThrow(
      "partial of node node-1: total weight 1 is not its clients' 87",
    );
    const poisoned = make();
    poisoned.weightedSum[5] = Number.NaN;
    expect(() => mergeNodePartial(sum, poisoned, 'r-4', expected)).toThrow(
      'partial of node node-1 holds a non-finite value',
    );
    expect(sum.totalWeight).toBe(0);
    mergeNodePartial(sum, make(), 'r-4', expected);
    expect(sum.totalWeight).toBe(87);
  });

  it('the leader refuses a partial that names one accepted client twice in place of another of the same weight', () => {
    // Two clients accepted from node-1 with equal weights: a partial naming phone-1 twice (and not
    // phone-2) has the right count and the right total weight, but counts phone-1's update twice.
    const node = new NodePartialSum('r-6', 'node-1', LENGTH);
    node.hold('phone-1', updates[1].delta, contributor(updates[1]));
    const once = node.partial(['phone-1']);
    const twice = {
      ...once,
      weightedSum: once.weightedSum.map((v) => 2 * v),
      totalWeight: 2 * updates[1].weight,
      contributors: [contributor(updates[1]), contributor(updates[1])],
    };
    const expected = new Map([
      ['phone-1', updates[1].weight],
      ['phone-2', updates[1].weight],
    ]);
    const sum = new FedAvgSum(LENGTH);
    expect(() => mergeNodePartial(sum, twice, 'r-6', expected)).toThrow(
      'partial of node node-1 names client phone-1 twice',
    );
    expect(sum.totalWeight).toBe(0);
  });
});
