import nacl from 'tweetnacl';
import { SecAggClientSession } from './secagg-client-session';
import { MalformedMessageError, SignatureError, StageError, ThresholdError, UnmaskRequestError } from './secagg-errors';
import { SecAggStage } from './secagg-stage';
import { createTestCohort, runUntilUnmask } from './test-cohort';

describe('SecAggClientSession', () => {
  it('walks Setup -> AdvertiseKeys -> ShareKeys -> MaskedInput -> Done and wipes nothing it still needs', () => {
    const cohort = createTestCohort({ n: 4 });
    const session = cohort.sessions.get(1) as SecAggClientSession;
    expect(session.stage).toBe(SecAggStage.Setup);
    runUntilUnmask(cohort);
    expect(session.stage).toBe(SecAggStage.MaskedInput);
    const revealed = session.unmask(cohort.server.unmaskRequestFor(1));
    expect(session.stage).toBe(SecAggStage.Done);
    expect(revealed.selfSeedShares.map((owned) => owned.ownerId)).toEqual([2, 3, 4]);
    expect(revealed.maskKeyShares).toEqual([]);
  });

  it('throws StageError out of order and keeps its state', () => {
    const cohort = createTestCohort({ n: 3 });
    const session = cohort.sessions.get(2) as SecAggClientSession;
    expect(() => session.maskInput(new Uint32Array(4), [])).toThrow(StageError);
    expect(() => session.unmask({ survivors: [], dropouts: [] })).toThrow(StageError);
    expect(session.stage).toBe(SecAggStage.Setup);
    session.advertiseKeys();
    expect(() => session.advertiseKeys()).toThrow(StageError);
    expect(session.stage).toBe(SecAggStage.AdvertiseKeys);
  });

  it('rejects a forged advertisement with SignatureError and aborts', () => {
    const cohort = createTestCohort({ n: 3 });
    const [first, second, third] = [1, 2, 3].map((id) => cohort.sessions.get(id) as SecAggClientSession);
    first.advertiseKeys();
    const honest = second.advertiseKeys();
    const impostor = nacl.sign.keyPair();
    const forged = { ...third.advertiseKeys(), signature: nacl.sign.detached(new Uint8Array(8), impostor.secretKey) };
    expect(() => first.shareKeys([honest, forged])).toThrow(SignatureError);
    expect(first.stage).toBe(SecAggStage.Aborted);
  });

  it('aborts with ThresholdError when fewer than t neighbours advertised, and refuses strangers', () => {
    const cohort = createTestCohort({ n: 5, threshold: 3 });
    const sessions = [1, 2, 3, 4, 5].map((id) => cohort.sessions.get(id) as SecAggClientSession);
    const adverts = sessions.map((session) => session.advertiseKeys());
    expect(() => sessions[0].shareKeys([adverts[1], adverts[2]])).toThrow(ThresholdError);
    expect(sessions[0].stage).toBe(SecAggStage.Aborted);
    expect(() => sessions[1].shareKeys([adverts[1], adverts[2], adverts[3]])).toThrow(MalformedMessageError);
    expect(() => sessions[2].shareKeys([{ ...adverts[0], roundId: 'other' }])).toThrow(MalformedMessageError);
  });

  describe('unmask refuses requests that could expose an input', () => {
    const prepared = () => {
      const cohort = createTestCohort({ n: 5, threshold: 3 });
      runUntilUnmask(cohort);
      return cohort.sessions.get(1) as SecAggClientSession;
    };

    it('a client listed as both survivor and dropout (both shares of one client)', () => {
      const session = prepared();
      expect(() => session.unmask({ survivors: [2, 3, 4], dropouts: [4, 5] })).toThrow(UnmaskRequestError);
      expect(session.stage).toBe(SecAggStage.Aborted);
    });

    it('ids that are not its neighbours, or itself', () => {
      expect(() => prepared().unmask({ survivors: [2, 3, 4, 6], dropouts: [] })).toThrow(UnmaskRequestError);
      expect(() => prepared().unmask({ survivors: [1, 2, 3, 4], dropouts: [] })).toThrow(UnmaskRequestError);
    });

    it('fewer than t survivors among its neighbours', () => {
      expect(() => prepared().unmask({ survivors: [2, 3], dropouts: [4, 5] })).toThrow(UnmaskRequestError);
    });

    it('a second request, even a harmless one', () => {
      const session = prepared();
      const first = session.unmask({ survivors: [2, 3, 4], dropouts: [5] });
      expect(first.selfSeedShares.map((owned) => owned.ownerId)).toEqual([2, 3, 4]);
      expect(first.maskKeyShares.map((owned) => owned.ownerId)).toEqual([5]);
      expect(() => session.unmask({ survivors: [2, 3, 4, 5], dropouts: [] })).toThrow(UnmaskRequestError);
      expect(session.stage).toBe(SecAggStage.Aborted);
    });
  });

  it('names bad constructor arguments', () => {
    const cohort = createTestCohort({ n: 3 });
    const config = cohort.server.clientConfigFor(1);
    const base = {
      clientId: 1,
      roundId: 'round-test',
      identitySecretKey: (cohort.identities.get(1) as nacl.SignKeyPair).secretKey,
      config,
      neighbourIdentityKeys: new Map(config.neighbours.map((peer) => [peer, (cohort.identities.get(peer) as nacl.SignKeyPair).publicKey] as const)),
    };
    expect(() => new SecAggClientSession({ ...base, clientId: 0 })).toThrow(/clientId/);
    expect(() => new SecAggClientSession({ ...base, config: { ...config, threshold: 1 } })).toThrow(/threshold/);
    expect(() => new SecAggClientSession({ ...base, config: { ...config, neighbours: [2] } })).toThrow(/neighbours/);
    expect(() => new SecAggClientSession({ ...base, neighbourIdentityKeys: new Map() })).toThrow(/neighbourIdentityKeys/);
    expect(() => new SecAggClientSession({ ...base, identitySecretKey: new Uint8Array(32) })).toThrow(/identitySecretKey/);
  });
});
