import { RoundStage } from '@edgefl/protocol';
import { MalformedMessageError } from '../secagg-errors';
import { createTestCohort, sessionOf } from '../testing/test-cohort';
import type { TestCohort } from '../testing/test-cohort';

const M = 16;
const MOD = 2 ** M;
const L = 4;

/** Key stages of a 6-client round, then each client's masked y of x = [id, 2id, 3id, 4id]. */
function maskedRound(): { cohort: TestCohort; y: Map<number, Uint32Array> } {
  const cohort = createTestCohort({ n: 6, threshold: 3, neighbourCount: 5, modulusBits: M, vectorLength: L });
  const { server, sessions } = cohort;
  for (const session of sessions.values()) server.receiveAdvertisement(session.advertiseKeys());
  server.closeAdvertiseKeys();
  for (const [id, session] of sessions) server.receiveShares(session.shareKeys(server.advertisementsFor(id)));
  server.closeShareKeys();
  const y = new Map<number, Uint32Array>();
  for (const [id, session] of sessions)
    y.set(
      id,
      session.maskInput(
        Uint32Array.from({ length: L }, (_, i) => id * (i + 1)),
        server.sharesFor(id),
      ),
    );
  return { cohort, y };
}

function sumMod(vectors: Uint32Array[]): Uint32Array {
  const sum = new Uint32Array(L);
  for (const v of vectors) for (let i = 0; i < L; i++) sum[i] = (sum[i] + v[i]) % MOD;
  return sum;
}

function unmaskAll(cohort: TestCohort): ReturnType<TestCohort['server']['finish']> {
  const { server } = cohort;
  for (const id of [1, 2, 3, 4, 5, 6]) {
    if (server.dropoutsByStage.get(RoundStage.MaskedInput)?.includes(id)) continue;
    server.receiveRevealedShares(sessionOf(cohort, id).unmask(server.unmaskRequestFor(id)));
  }
  return server.finish();
}

describe('held masked inputs (edge pre-aggregation): partial sums mod 2^m', () => {
  it('a node partial over exactly its held clients unmasks to the same sum; a held input without a partial is a dropout', () => {
    const { cohort, y } = maskedRound();
    const { server } = cohort;
    const at = (id: number): Uint32Array => y.get(id) as Uint32Array;
    // 1, 2 reach the leader itself; 3, 4 are held by node A; 5, 6 by node B, which never sends its partial.
    server.receiveMaskedInput(1, at(1));
    server.receiveMaskedInput(2, at(2));
    for (const id of [3, 4, 5, 6]) server.receiveHeldMaskedInput(id);
    server.receiveMaskedPartial([4, 3], sumMod([at(3), at(4)]));
    server.closeMaskedInput();
    expect(server.dropoutsByStage.get(RoundStage.MaskedInput)).toEqual([5, 6]);
    const result = unmaskAll(cohort);
    // x summed over 1..4: [10, 20, 30, 40], exactly (no wrap at 2^16).
    expect(result.sum).toEqual(Uint32Array.of(10, 20, 30, 40));
    expect(result.survivors).toEqual([1, 2, 3, 4]);
  });

  it('a partial whose sum wraps mod 2^m still unmasks exactly (all six clients via two nodes)', () => {
    const { cohort, y } = maskedRound();
    const { server } = cohort;
    for (const id of [1, 2, 3, 4, 5, 6]) server.receiveHeldMaskedInput(id);
    const groupA = [1, 2, 3].map((id) => y.get(id) as Uint32Array);
    const groupB = [4, 5, 6].map((id) => y.get(id) as Uint32Array);
    const wrapped = groupA.some((_, i) => groupA.reduce((s, v) => s + v[i], 0) >= MOD);
    server.receiveMaskedPartial([1, 2, 3], sumMod(groupA));
    server.receiveMaskedPartial([4, 5, 6], sumMod(groupB));
    server.closeMaskedInput();
    expect(unmaskAll(cohort).sum).toEqual(Uint32Array.of(21, 42, 63, 84));
    // Three uniform 16-bit values wrap somewhere with overwhelming probability: the mod is exercised.
    expect(wrapped || groupB.some((_, i) => groupB.reduce((s, v) => s + v[i], 0) >= MOD)).toBe(true);
  });

  it('refuses a partial naming a client not held, named twice or already covered, of the wrong length or not below 2^m', () => {
    const { cohort, y } = maskedRound();
    const { server } = cohort;
    server.receiveMaskedInput(1, y.get(1) as Uint32Array);
    for (const id of [2, 3]) server.receiveHeldMaskedInput(id);
    expect(() => server.receiveHeldMaskedInput(2)).toThrow(MalformedMessageError);
    const ok = sumMod([y.get(2) as Uint32Array, y.get(3) as Uint32Array]);
    expect(() => server.receiveMaskedPartial([1, 2], ok)).toThrow(/client 1 is not a held masked input/);
    expect(() => server.receiveMaskedPartial([2, 2], ok)).toThrow(MalformedMessageError);
    expect(() => server.receiveMaskedPartial([], ok)).toThrow(MalformedMessageError);
    expect(() => server.receiveMaskedPartial([2, 3], ok.subarray(1))).toThrow(/length 4/);
    expect(() => server.receiveMaskedPartial([2, 3], Uint32Array.of(0, 0, 0, MOD))).toThrow(/not below 2\^16/);
    server.receiveMaskedPartial([2, 3], ok);
    expect(() => server.receiveMaskedPartial([2], ok)).toThrow(MalformedMessageError);
  });
});
