import nacl from 'tweetnacl';
import { MalformedMessageError, SignatureError, StageError, ThresholdError } from './secagg-errors';
import { SecAggServerRound } from './secagg-server-round';
import { RoundStage } from '@edgefl/protocol';
import { signSurvivorSet } from './survivor-set-signature';
import { signKeyAdvertisement } from './key-advertisement';
import { createTestCohort, identityOf, runUntilUnmask, sessionOf, signAllSurvivors } from './testing/test-cohort';

describe('SecAggServerRound', () => {
  it('sums the inputs of a full round and only ever holds ciphertexts of shares', () => {
    const cohort = createTestCohort({ n: 4, vectorLength: 3 });
    runUntilUnmask(cohort, 3);
    for (const [id, session] of cohort.sessions)
      cohort.server.receiveRevealedShares(session.unmask(cohort.server.unmaskRequestFor(id)));
    expect(cohort.server.finish()).toEqual({
      sum: Uint32Array.of(10, 10, 10),
      survivors: [1, 2, 3, 4],
      wrongShareHolders: [],
    });
    expect(cohort.server.stage).toBe(RoundStage.Completed);
  });

  it('aborts with ThresholdError when fewer than t advertise, and then accepts nothing', () => {
    const cohort = createTestCohort({ n: 5, threshold: 3 });
    for (const id of [1, 2]) cohort.server.receiveAdvertisement(sessionOf(cohort, id).advertiseKeys());
    expect(() => cohort.server.closeAdvertiseKeys()).toThrow(ThresholdError);
    expect(cohort.server.stage).toBe(RoundStage.Abandoned);
    expect(cohort.server.dropoutsByStage.get(RoundStage.AdvertiseKeys)).toEqual([3, 4, 5]);
    expect(() => cohort.server.advertisementsFor(1)).toThrow(StageError);
  });

  it('aborts in finish, before combining anything, when a secret lacks t shares', () => {
    const cohort = createTestCohort({ n: 5, threshold: 3 });
    runUntilUnmask(cohort);
    for (const id of [1, 2])
      cohort.server.receiveRevealedShares(sessionOf(cohort, id).unmask(cohort.server.unmaskRequestFor(id)));
    expect(() => cohort.server.finish()).toThrow(ThresholdError);
    expect(cohort.server.stage).toBe(RoundStage.Abandoned);
    expect(cohort.server.dropoutsByStage.get(RoundStage.Unmask)).toEqual([3, 4, 5]);
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
    const upload = sessionOf(cohort, 1).shareKeys(server.advertisementsFor(1));
    const { shares } = upload;
    expect(() => server.receiveShares({ ...upload, shares: shares.slice(1) })).toThrow(MalformedMessageError);
    expect(() => server.receiveShares({ ...upload, shares: [...shares.slice(1), { ...shares[0], peer: 1 }] })).toThrow(
      MalformedMessageError,
    );
    server.receiveShares(upload);
    for (const id of [2, 3, 4]) server.receiveShares(sessionOf(cohort, id).shareKeys(server.advertisementsFor(id)));
    server.closeShareKeys();
    expect(() => server.receiveMaskedInput(1, new Uint32Array(3))).toThrow(MalformedMessageError);
    expect(() => server.receiveMaskedInput(1, Uint32Array.of(1, 2, 3, 65536))).toThrow(MalformedMessageError);
    expect(server.stage).toBe(RoundStage.MaskedInput);
  });

  it('corrects a revealer that sends wrong self-seed shares and names it (robust reconstruction)', () => {
    // n = 7, k = 6, t = 4: every self seed has 6 shares, enough to correct one wrong one.
    const cohort = createTestCohort({ n: 7, neighbourCount: 6, threshold: 4 });
    runUntilUnmask(cohort);
    for (const [id, session] of cohort.sessions) {
      const revealed = session.unmask(cohort.server.unmaskRequestFor(id));
      const lie =
        id === 3
          ? {
              ...revealed,
              selfSeedShares: revealed.selfSeedShares.map(({ owner }) => ({
                owner,
                share: new Uint8Array(32).fill(0xff),
              })),
            }
          : revealed;
      cohort.server.receiveRevealedShares(lie);
    }
    expect(cohort.server.finish()).toEqual({
      sum: new Uint32Array(4).fill(28),
      survivors: [1, 2, 3, 4, 5, 6, 7],
      wrongShareHolders: [3],
    });
  });

  it('refuses an advertisement whose share key is its mask key, a key another client advertised, or a low-order key', () => {
    const cohort = createTestCohort({ n: 4 });
    const { server } = cohort;
    const resign = (id: number, shareKey: Uint8Array, maskKey: Uint8Array) =>
      signKeyAdvertisement(
        { roundId: server.roundId, clientIndex: id, shareKey, maskKey },
        identityOf(cohort, id).secretKey,
      );
    const first = sessionOf(cohort, 1).advertiseKeys();
    server.receiveAdvertisement(first);
    const own = nacl.box.keyPair().publicKey;
    expect(() => server.receiveAdvertisement(resign(2, own, own))).toThrow(/one key as both share and mask key/);
    expect(() => server.receiveAdvertisement(resign(2, first.maskKey, own))).toThrow(/reuses a share key/);
    const lowOrder = new Uint8Array(32);
    lowOrder[0] = 1; // the point u = 1 has order 4... its shared secret with anyone is 0
    expect(() => server.receiveAdvertisement(resign(2, own, lowOrder))).toThrow(/low-order mask key/);
    server.receiveAdvertisement(sessionOf(cohort, 2).advertiseKeys());
  });

  it('names bad constructor arguments', () => {
    const base = {
      roundId: 'r',
      cohortIndices: [1, 2, 3, 4, 5],
      modulusBits: 8,
      vectorLength: 4,
      graphSeed: new Uint8Array(32),
    };
    expect(new SecAggServerRound(base).threshold).toBe(3);
    expect(new SecAggServerRound(base).degree).toBe(4);
    expect(() => new SecAggServerRound({ ...base, threshold: 2 })).toThrow(/threshold/);
    expect(() => new SecAggServerRound({ ...base, cohortIndices: [1] })).toThrow(/cohortIndices/);
    expect(() => new SecAggServerRound({ ...base, modulusBits: 40 })).toThrow(/modulusBits/);
    expect(() => new SecAggServerRound({ ...base, graphSeed: new Uint8Array(8) })).toThrow(/graphSeed/);
  });

  describe('with the consistency check', () => {
    it('orders MaskedInput -> ConsistencyCheck -> Unmask and sums a full round', () => {
      const cohort = createTestCohort({ n: 4, vectorLength: 2, consistencyCheck: true });
      const { server } = cohort;
      expect(server.consistencyCheck).toBe(true);
      expect(server.clientConfigFor(1).consistencyCheck).toBe(true);
      runUntilUnmask(cohort, 2);
      expect(server.stage).toBe(RoundStage.ConsistencyCheck);
      expect(() => server.unmaskRequestFor(1)).toThrow(StageError);
      expect(server.consistencyRequestFor(3)).toEqual({ roundId: 'round-test', survivors: [1, 2, 3, 4] });
      signAllSurvivors(cohort);
      expect(server.stage).toBe(RoundStage.Unmask);
      for (const [id, session] of cohort.sessions) {
        const delivery = server.consistencyDeliveryFor(id);
        expect(delivery.signatures.map((signature) => signature.clientIndex)).toEqual(
          [1, 2, 3, 4].filter((peer) => peer !== id),
        );
        session.checkConsistency(delivery);
        server.receiveRevealedShares(session.unmask(server.unmaskRequestFor(id)));
      }
      expect(server.finish()).toEqual({ sum: Uint32Array.of(10, 10), survivors: [1, 2, 3, 4], wrongShareHolders: [] });
    });

    it('rejects forged, duplicate, foreign and non-survivor signatures without aborting', () => {
      const cohort = createTestCohort({ n: 5, threshold: 3, consistencyCheck: true });
      const { server } = cohort;
      runUntilUnmask(cohort);
      const all = [1, 2, 3, 4, 5];
      const keyOf = (id: number) => identityOf(cohort, id).secretKey;
      expect(() =>
        server.receiveConsistencySignature(
          signSurvivorSet({ roundId: 'round-test', clientIndex: 1, survivors: all }, nacl.sign.keyPair().secretKey),
        ),
      ).toThrow(SignatureError);
      expect(() =>
        server.receiveConsistencySignature(
          signSurvivorSet({ roundId: 'round-test', clientIndex: 1, survivors: [1, 2, 3] }, keyOf(1)),
        ),
      ).toThrow(SignatureError);
      expect(() =>
        server.receiveConsistencySignature(
          signSurvivorSet({ roundId: 'other', clientIndex: 1, survivors: all }, keyOf(1)),
        ),
      ).toThrow(MalformedMessageError);
      expect(() => server.consistencyRequestFor(6)).toThrow(RangeError);
      const signature = sessionOf(cohort, 1).signSurvivors(server.consistencyRequestFor(1));
      server.receiveConsistencySignature(signature);
      expect(() => server.receiveConsistencySignature(signature)).toThrow(MalformedMessageError);
      expect(server.stage).toBe(RoundStage.ConsistencyCheck);
    });

    it('aborts with ThresholdError when fewer than t survivors sign, and records who did not', () => {
      const cohort = createTestCohort({ n: 5, threshold: 3, consistencyCheck: true });
      const { server } = cohort;
      runUntilUnmask(cohort);
      for (const id of [2, 4])
        server.receiveConsistencySignature(sessionOf(cohort, id).signSurvivors(server.consistencyRequestFor(id)));
      expect(() => server.closeConsistencyCheck()).toThrow(ThresholdError);
      expect(server.stage).toBe(RoundStage.Abandoned);
      expect(server.dropoutsByStage.get(RoundStage.ConsistencyCheck)).toEqual([1, 3, 5]);
    });

    it('asks only signers to unmask and takes shares only from them', () => {
      const cohort = createTestCohort({ n: 5, threshold: 3, consistencyCheck: true });
      const { server } = cohort;
      runUntilUnmask(cohort);
      for (const id of [1, 2, 3, 4])
        server.receiveConsistencySignature(sessionOf(cohort, id).signSurvivors(server.consistencyRequestFor(id)));
      server.closeConsistencyCheck();
      expect(() => server.consistencyDeliveryFor(5)).toThrow(RangeError);
      expect(() => server.unmaskRequestFor(5)).toThrow(RangeError);
      expect(() =>
        server.receiveRevealedShares({ roundId: 'round-test', clientIndex: 5, selfSeedShares: [], maskKeyShares: [] }),
      ).toThrow(MalformedMessageError);
      expect(server.unmaskRequestFor(1)).toEqual({ survivors: [2, 3, 4, 5], dropouts: [] });
    });

    it('leaves the Setup content of rounds without the check as it was', () => {
      const base = {
        roundId: 'r',
        cohortIndices: [1, 2, 3],
        modulusBits: 8,
        vectorLength: 2,
        graphSeed: new Uint8Array(32),
      };
      expect('consistencyCheck' in new SecAggServerRound(base).clientConfigFor(1)).toBe(false);
      expect(new SecAggServerRound(base).consistencyCheck).toBe(false);
      expect(() => new SecAggServerRound({ ...base, consistencyCheck: 'yes' as never })).toThrow(/consistencyCheck/);
    });
  });
});
