import fc from 'fast-check';
import { runInMemorySecAggRound, type InMemoryRoundReport } from './in-memory-secagg-round';
import { buildNeighbourGraph, defaultNeighbourCount, defaultThreshold } from './neighbour-graph';
import { ConsistencyError, SignatureError, ThresholdError } from './secagg-errors';
import { planDropoutLies } from './testing/test-attack-plan';
import { LyingServerRound, type CoordinatorLies } from './testing/test-lying-server';

const MODULUS_BITS = 12;
const LENGTH = 6;
const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const inputsFor = (n: number): Map<number, Uint32Array> =>
  new Map(
    ids(n).map(
      (id) => [id, Uint32Array.from({ length: LENGTH }, (_, j) => (id * 97 + j * 31) % 2 ** MODULUS_BITS)] as const,
    ),
  );

/** One round against the liar; returns the report and the liar (what the coordinator ends up holding). */
function runAgainstLiar(options: {
  n: number;
  k: number;
  t: number;
  seed: Uint8Array;
  lies: CoordinatorLies;
  consistencyCheck: boolean;
}) {
  let liar: LyingServerRound | undefined;
  const report: InMemoryRoundReport = runInMemorySecAggRound({
    roundId: 'lying-round',
    inputs: inputsFor(options.n),
    modulusBits: MODULUS_BITS,
    neighbourCount: options.k,
    threshold: options.t,
    graphSeed: options.seed,
    consistencyCheck: options.consistencyCheck,
    createServer: (serverOptions) => (liar = new LyingServerRound(serverOptions, options.lies)),
  });
  return { report, liar: liar as LyingServerRound };
}

/** The docs/THREAT-MODEL.md 5.2 attack on `target`, optionally keeping all but t shares from the target. */
function planAttack(
  n: number,
  k: number,
  t: number,
  seed: Uint8Array,
  target: number,
  withhold: boolean,
): CoordinatorLies {
  const graph = buildNeighbourGraph(ids(n), k, seed);
  const neighbours = (id: number): number[] => [...(graph.neighbours.get(id) ?? [])];
  const kept = neighbours(target).slice(0, t);
  const withheldShares = withhold
    ? new Map([[target, new Set(neighbours(target).filter((peer) => !kept.includes(peer)))]])
    : undefined;
  const peersOf = (id: number): number[] => (withhold && id === target ? kept : neighbours(id));
  const claimedDropouts = planDropoutLies({ ids: ids(n), peersOf, target, threshold: t });
  if (claimedDropouts === undefined) throw new Error('no attack plan for this graph');
  return { claimedDropouts, withheldShares };
}

describe('an actively malicious coordinator (lying about dropouts)', () => {
  const seed = new Uint8Array(32).fill(3);

  describe('SecAgg+ n = 12, k = 6, t = 4: "the target survived" to its neighbours, "its peers dropped" to theirs', () => {
    const [n, k, t, target] = [12, 6, 4, 5];
    const lies = planAttack(n, k, t, seed, target, false);

    it('WITHOUT the consistency check recovers the target input exactly (the documented weakness)', () => {
      const { report, liar } = runAgainstLiar({ n, k, t, seed, lies, consistencyCheck: false });
      // Every honest client accepted its forged request: each one looked harmless on its own.
      expect(report.clientErrors.size).toBe(0);
      expect(liar.revealed.size).toBe(n);
      expect(liar.recoverInputOf(target)).toEqual(inputsFor(n).get(target));
    });

    it('WITH the consistency check the same lies are refused and no client input can be rebuilt', () => {
      const { report, liar } = runAgainstLiar({ n, k, t, seed, lies, consistencyCheck: true });
      const lied = [...(lies.claimedDropouts ?? new Map()).keys()];
      expect(lied.length).toBeGreaterThan(0);
      // Each lied-to client holds a view its neighbours did not sign: fewer than t matching signatures.
      for (const id of lied) expect(report.clientErrors.get(id)).toBeInstanceOf(ThresholdError);
      // Whoever revealed did so under the true U3: no mask-agreement key share left any client.
      for (const revealed of liar.revealed.values()) expect(revealed.maskKeyShares).toEqual([]);
      expect(liar.sharesOf(target, 'selfSeed').length).toBeLessThan(t);
      for (const id of ids(n)) expect(liar.recoverInputOf(id)).toBeUndefined();
    });
  });

  describe('classic-sized cohort n = 10 with default k = 8, t = 5, plus shares withheld from the target', () => {
    const n = 10;
    const k = defaultNeighbourCount(n);
    const t = defaultThreshold(k);
    const target = 2;
    const lies = planAttack(n, k, t, seed, target, true);

    it('WITHOUT the check: the target masks with only t peers, the liar unmasks it (no dense-graph safety either)', () => {
      const { report, liar } = runAgainstLiar({ n, k, t, seed, lies, consistencyCheck: false });
      expect(report.clientErrors.size).toBe(0);
      expect(liar.recoverInputOf(target)).toEqual(inputsFor(n).get(target));
    });

    it('WITH the check: refused, nothing rebuilt', () => {
      const { report, liar } = runAgainstLiar({ n, k, t, seed, lies, consistencyCheck: true });
      expect([...report.clientErrors.values()].every((error) => error instanceof ThresholdError)).toBe(true);
      for (const id of ids(n)) expect(liar.recoverInputOf(id)).toBeUndefined();
    });
  });

  it('property: with the check, two views split along the graph (plus withheld shares) never let the coordinator rebuild any input', () => {
    // The liar's best shape: one block of the graph sees U3 minus X_A, the rest U3 minus X_B, so both
    // blocks can gather t signatures on their own view (docs/SECAGG.md: revealers of two views end up
    // at least 2t + 1 - k ring positions apart). Clients may also be kept from some peers' shares.
    const [k, t] = [4, 3];
    const scenario = fc
      .record({
        n: fc.integer({ min: 12, max: 15 }),
        seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        center: fc.nat(),
        blockSize: fc.nat(),
      })
      .chain((base) =>
        fc.record({
          base: fc.constant(base),
          tieBreak: fc.array(fc.nat(), { minLength: base.n, maxLength: base.n }),
          claimedByA: fc.uniqueArray(fc.integer({ min: 1, max: base.n }), { maxLength: 2 }),
          claimedByB: fc.uniqueArray(fc.integer({ min: 1, max: base.n }), { maxLength: 2 }),
          withheld: fc.array(fc.option(fc.integer({ min: 1, max: base.n }), { freq: 3 }), {
            minLength: base.n,
            maxLength: base.n,
          }),
        }),
      );
    fc.assert(
      fc.property(scenario, ({ base, tieBreak, claimedByA, claimedByB, withheld }) => {
        const { n, seed: graphSeed } = base;
        const graph = buildNeighbourGraph(ids(n), k, graphSeed);
        const center = (base.center % n) + 1;
        const distance = new Map([[center, 0]]);
        const queue = [center];
        for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
          const hops = (distance.get(node) ?? 0) + 1;
          for (const peer of graph.neighbours.get(node) ?? []) {
            if (!distance.has(peer)) {
              distance.set(peer, hops);
              queue.push(peer);
            }
          }
        }
        const byDistance = ids(n).sort(
          (a, b) => (distance.get(a) ?? 0) - (distance.get(b) ?? 0) || tieBreak[a - 1] - tieBreak[b - 1],
        );
        const blockA = new Set(byDistance.slice(0, base.blockSize % (n + 1)));
        const claimedDropouts = new Map(
          ids(n).map(
            (id) => [id, new Set((blockA.has(id) ? claimedByA : claimedByB).filter((peer) => peer !== id))] as const,
          ),
        );
        const withheldShares = new Map(
          ids(n).map(
            (id, i) =>
              [id, new Set(withheld[i] === null || withheld[i] === id ? [] : [withheld[i] as number])] as const,
          ),
        );
        const { report, liar } = runAgainstLiar({
          n,
          k,
          t,
          seed: graphSeed,
          lies: { claimedDropouts, withheldShares },
          consistencyCheck: true,
        });
        for (const id of ids(n)) expect(liar.recoverInputOf(id)).toBeUndefined();
        for (const error of report.clientErrors.values())
          expect([ThresholdError, ConsistencyError, SignatureError]).toContain(error.constructor);
      }),
      { numRuns: 4, endOnFailure: true },
    );
  });
});
