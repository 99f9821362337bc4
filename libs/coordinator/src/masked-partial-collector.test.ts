import { RoundStage } from '@edgefl/protocol';
import { packMaskedVector, unpackMaskedVector } from '@edgefl/secagg';
import { createTestCohort, sessionOf } from '@edgefl/secagg/testing';
import type { TestCohort } from '@edgefl/secagg/testing';
import { CohortIndex } from './cohort-index';
import { resolveCoordinatorConfig } from './coordinator-config';
import { silentLogger } from './coordinator-logger';
import { MaskedPartialCollector, MaskedPartialError, checkMaskedPartial } from './masked-partial-collector';
import { createRoundState } from './round-state';
import type { RoundState } from './round-state';
import { SecureEdgePreAggregator } from './secure-edge-pre-aggregator';
import type { WireMaskedPartial } from './secure-edge-pre-aggregator';

const M = 16;
const L = 4;
const IDS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

/** A 6-client SecAgg round up to MaskedInput (the lib's test cohort, round id 'round-test'), as a leader's round state. */
function secureRound(): { cohort: TestCohort; state: RoundState; raw: Map<string, unknown> } {
  const cohort = createTestCohort({ n: 6, threshold: 3, neighbourCount: 5, modulusBits: M, vectorLength: L });
  const { server, sessions } = cohort;
  for (const session of sessions.values()) server.receiveAdvertisement(session.advertiseKeys());
  server.closeAdvertiseKeys();
  for (const [id, session] of sessions) server.receiveShares(session.shareKeys(server.advertisementsFor(id)));
  server.closeShareKeys();
  const state = createRoundState({
    runId: 'run',
    round: 1,
    attempt: 1,
    modelVersion: 0,
    globalWeights: new Float32Array(L - 1),
    seed: 1,
    bytesInAtStart: 0,
    bytesOutAtStart: 0,
  });
  // The lib's cohort runs under 'round-test': the leader's state takes that id.
  state.roundId = 'round-test';
  const secure = {
    config: { range: 1, bits: 8, weightCap: 100, stageTimeoutMs: 1000 },
    server,
    cohortIndex: new CohortIndex(IDS),
    modulusBits: M,
    vectorLength: L,
  };
  state.secure = secure;
  const raw = new Map<string, unknown>();
  for (const [id, session] of sessions) {
    const y = session.maskInput(
      Uint32Array.from({ length: L }, (_, i) => id * (i + 1)),
      server.sharesFor(id),
    );
    raw.set(IDS[id - 1], {
      type: 'secagg-masked-input',
      roundId: 'round-test',
      clientIndex: id,
      maskedVector: packMaskedVector(y, M),
    });
  }
  return { cohort, state, raw };
}

function unmask(cohort: TestCohort, survivors: number[]): Uint32Array {
  for (const id of survivors)
    cohort.server.receiveRevealedShares(sessionOf(cohort, id).unmask(cohort.server.unmaskRequestFor(id)));
  return cohort.server.finish().sum;
}

describe('secure edge pre-aggregation: follower partials folded by the leader', () => {
  const config = resolveCoordinatorConfig({});

  it('two followers each send one masked partial of exactly their clients; one goes silent and its clients drop out before U3', async () => {
    const { cohort, state, raw } = secureRound();
    const followers = new Map(['node-1', 'node-2'].map((id) => [id, new SecureEdgePreAggregator(id, config)]));
    const requests: string[] = [];
    const collector = new MaskedPartialCollector(
      (announced) => followers.forEach((edge) => edge.shape(announced)),
      (nodeId, roundId, clients) => {
        requests.push(`${nodeId}:${clients.join(',')}`);
        // node-2 never answers (it is gone); node-1 answers at once.
        if (nodeId === 'node-1')
          collector.receive((followers.get(nodeId) as SecureEdgePreAggregator).answer(roundId, clients));
      },
      silentLogger,
      50,
    );
    collector.announce(state);
    // c1 and c5 reach the leader itself; c2, c3 are on node-1, c4 on node-2; c6 is on node-1
    // but its report came after the leader's stage closed (not counted): node-1 holds it yet leaves it out.
    for (const id of [1, 5]) cohort.server.receiveMaskedInput(id, unpack(raw.get(IDS[id - 1])));
    const remote = new Map<string, string[]>();
    for (const [nodeId, clientIds] of [
      ['node-1', ['c3', 'c2']],
      ['node-2', ['c4']],
    ] as const) {
      for (const clientId of clientIds) {
        const report = followers.get(nodeId)?.hold(clientId, raw.get(clientId));
        expect(report).toEqual({
          nodeId,
          clientId,
          roundId: 'round-test',
          clientIndex: IDS.indexOf(clientId) + 1,
          payloadBytes: (L * M) / 8,
        });
        cohort.server.receiveHeldMaskedInput(IDS.indexOf(clientId) + 1);
      }
      remote.set(nodeId, [...clientIds]);
    }
    followers.get('node-1')?.hold('c6', raw.get('c6'));
    const dropped = await collector.collect(state, remote, new AbortController().signal);
    expect(requests).toEqual(['node-1:c3,c2', 'node-2:c4']);
    expect(dropped).toEqual(['c4']);
    cohort.server.closeMaskedInput();
    expect(cohort.server.dropoutsByStage.get(RoundStage.MaskedInput)).toEqual([4, 6]);
    // x_i = [i, 2i, 3i, 4i] over the survivors 1, 2, 3, 5: exactly what the leader would sum from every y itself.
    expect(unmask(cohort, [1, 2, 3, 5])).toEqual(Uint32Array.of(11, 22, 33, 44));
  });

  it('checkMaskedPartial names a partial of another attempt or node, not covering exactly the list, or of the wrong size', () => {
    const sum = packMaskedVector(Uint32Array.of(1, 2, 3, 4), M);
    const good: WireMaskedPartial = { roundId: 'run/1/1', nodeId: 'node-1', clients: ['a', 'b'], maskedSum: sum };
    const check = (partial: WireMaskedPartial): Uint32Array =>
      checkMaskedPartial(partial, 'run/1/1', 'node-1', ['b', 'a'], M, L);
    expect(check(good)).toEqual(Uint32Array.of(1, 2, 3, 4));
    expect(() => check({ ...good, roundId: 'run/1/2' })).toThrow(MaskedPartialError);
    expect(() => check({ ...good, roundId: 'run/1/2' })).toThrow(/is for run\/1\/2, not run\/1\/1/);
    expect(() => check({ ...good, nodeId: 'node-2' })).toThrow(/names node node-2/);
    expect(() => check({ ...good, clients: ['a'] })).toThrow(/not exactly the 2/);
    expect(() => check({ ...good, clients: ['a', 'a'] })).toThrow(/not exactly the 2/);
    expect(() => check({ ...good, clients: ['a', 'c'] })).toThrow(/not exactly the 2/);
    expect(() => check({ ...good, maskedSum: sum.subarray(1) })).toThrow(/must be 8 bytes/);
    expect(() => check({ ...good, maskedSum: [1, 2] as unknown as Uint8Array })).toThrow(/maskedSum is not bytes/);
    // 4 elements of 15 bits in 8 bytes: the 4 padding bits must be zero (so every element is below 2^m).
    expect(() =>
      checkMaskedPartial(
        { ...good, maskedSum: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0xf0) },
        'run/1/1',
        'node-1',
        ['a', 'b'],
        15,
        L,
      ),
    ).toThrow(/padding/);
  });

  it('a follower that does not know the round shape holds nothing (the message is relayed as it is) and refuses a wrong-sized y', () => {
    const { raw } = secureRound();
    const edge = new SecureEdgePreAggregator('node-1', config);
    expect(edge.hold('c1', raw.get('c1'))).toBeUndefined();
    edge.shape({ roundId: 'round-test', modulusBits: M, vectorLength: L + 1 });
    expect(() => edge.hold('c1', raw.get('c1'))).toThrow(RangeError);
    expect(edge.answer('round-test', ['c1'])).toEqual({
      roundId: 'round-test',
      nodeId: 'node-1',
      clients: [],
      maskedSum: new Uint8Array(0),
    });
  });
});

function unpack(message: unknown): Uint32Array {
  return unpackMaskedVector((message as { maskedVector: Uint8Array }).maskedVector, M, L);
}
