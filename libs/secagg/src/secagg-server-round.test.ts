import nacl from 'tweetnacl';
import { MalformedMessageError, SignatureError, StageError, ThresholdError } from './secagg-errors';
import { SecAggServerRound } from './secagg-server-round';
import { SecAggStage } from './secagg-stage';
import { createTestCohort, runUntilUnmask, sessionOf } from './test-cohort';

describe('SecAggServerRound', () => {
  it('sums the inputs of a full round and only ever holds ciphertexts of shares', () => {
    const cohort = createTestCohort({ n: 4, vectorLength: 3 });
    runUntilUnmask(cohort, 3);
    for (const [id, session] of cohort.sessions) cohort.server.receiveRevealedShares(session.unmask(cohort.server.unmaskRequestFor(id)));
    expect(cohort.server.finish()).toEqual({ sum: Uint32Array.of(10, 10, 10), survivors: [1, 2, 3, 4] });
    expect(cohort.server.stage).toBe(SecAggStage.Done);
  });

  it('aborts with ThresholdError when fewer than t advertise, and then accepts nothing', () => {
    const cohort = createTestCohort({ n: 5, threshold: 3 });
    for (const id of [1, 2]) cohort.server.receiveAdvertisement(sessionOf(cohort, id).advertiseKeys());
    expect(() => cohort.server.closeAdvertiseKeys()).toThrow(ThresholdError);
    expect(cohort.server.stage).toBe(SecAggStage.Aborted);
    expect(cohort.server.dropoutsByStage.get(SecAggStage.AdvertiseKeys)).toEqual([3, 4, 5]);
    expect(() => cohort.server.advertisementsFor(1)).toThrow(StageError);
  });

  it('aborts in finish, before combining anything, when a secret lacks t shares', () => {
    const cohort = createTestCohort({ n: 5, threshold: 3 });
    runUntilUnmask(cohort);
    for (const id of [1, 2]) cohort.server.receiveRevealedShares(sessionOf(cohort, id).unmask(cohort.server.unmaskRequestFor(id)));
    expect(() => cohort.server.finish()).toThrow(ThresholdError);
    expect(cohort.server.stage).toBe(SecAggStage.Aborted);
    expect(cohort.server.dropoutsByStage.get(SecAggStage.Unmask)).toEqual([3, 4, 5]);
  });

  it('rejects forged advertisements, misrouted shares and wrong-sized inputs without aborting', () => {
    const cohort = createTestCohort({ n: 4, neighbourCount: 3 });
    const { server } = cohort;
    const adverts = [1, 2, 3, 4].map((id) => sessionOf(cohort, id).advertiseKeys());
    const forged = { ...adverts[0], signature: nacl.sign.detached(new Uint8Array(1), nacl.sign.keyPair().secretKey) };
    expect(() => server.receiveAdvertisement(forged)).toThrow(SignatureError);
    adverts.forEach((advert) => server.receiveAdvertisement(advert));
    expect(() => server.receiveAdvertisement(adverts[0])).toThrow(MalformedMessageError);
    server.closeAdvertiseKeys();
    const shares = sessionOf(cohort, 1).shareKeys(server.advertisementsFor(1));
    expect(() => server.receiveShares({ roundId: server.roundId, senderId: 1, shares: shares.slice(1) })).toThrow(MalformedMessageError);
    expect(() => server.receiveShares({ roundId: server.roundId, senderId: 1, shares: [...shares.slice(1), { ...shares[0], recipientId: 1 }] })).toThrow(
      MalformedMessageError,
    );
    server.receiveShares({ roundId: server.roundId, senderId: 1, shares });
    for (const id of [2, 3, 4]) server.receiveShares({ roundId: server.roundId, senderId: id, shares: sessionOf(cohort, id).shareKeys(server.advertisementsFor(id)) });
    server.closeShareKeys();
    expect(() => server.receiveMaskedInput(1, new Uint32Array(3))).toThrow(MalformedMessageError);
    expect(() => server.receiveMaskedInput(1, Uint32Array.of(1, 2, 3, 65536))).toThrow(MalformedMessageError);
    expect(server.stage).toBe(SecAggStage.MaskedInput);
  });

  it('names bad constructor arguments', () => {
    const base = { roundId: 'r', cohortIds: [1, 2, 3, 4, 5], modulusBits: 8, vectorLength: 4, graphSeed: new Uint8Array(32) };
    expect(new SecAggServerRound(base).threshold).toBe(3);
    expect(new SecAggServerRound(base).degree).toBe(4);
    expect(() => new SecAggServerRound({ ...base, threshold: 2 })).toThrow(/threshold/);
    expect(() => new SecAggServerRound({ ...base, cohortIds: [1] })).toThrow(/cohortIds/);
    expect(() => new SecAggServerRound({ ...base, modulusBits: 40 })).toThrow(/modulusBits/);
    expect(() => new SecAggServerRound({ ...base, graphSeed: new Uint8Array(8) })).toThrow(/graphSeed/);
  });
});
