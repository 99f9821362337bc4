import nacl from 'tweetnacl';
import { SecAggClientSession } from './secagg-client-session';
import {
  ConsistencyError,
  MalformedMessageError,
  ShareDecryptionError,
  SignatureError,
  StageError,
  ThresholdError,
  UnmaskRequestError,
} from './secagg-errors';
import type { ConsistencyDelivery, ConsistencySignature } from './secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { signSurvivorSet } from './survivor-set-signature';
import { createTestCohort, identityOf, runUntilUnmask, sessionOf, signAllSurvivors } from './testing/test-cohort';

describe('SecAggClientSession', () => {
  it('walks Configure -> AdvertiseKeys -> ShareKeys -> MaskedInput -> Completed and wipes nothing it still needs', () => {
    const cohort = createTestCohort({ n: 4 });
    const session = sessionOf(cohort, 1);
    expect(session.stage).toBe(RoundStage.Configure);
    runUntilUnmask(cohort);
    expect(session.stage).toBe(RoundStage.MaskedInput);
    const revealed = session.unmask(cohort.server.unmaskRequestFor(1));
    expect(session.stage).toBe(RoundStage.Completed);
    expect(revealed.selfSeedShares.map((owned) => owned.owner)).toEqual([2, 3, 4]);
    expect(revealed.maskKeyShares).toEqual([]);
  });

  it('throws StageError out of order and keeps its state', () => {
    const cohort = createTestCohort({ n: 3 });
    const session = sessionOf(cohort, 2);
    expect(() => session.maskInput(new Uint32Array(4), { roundId: 'round-test', shares: [] })).toThrow(StageError);
    expect(() => session.unmask({ survivors: [], dropouts: [] })).toThrow(StageError);
    expect(session.stage).toBe(RoundStage.Configure);
    session.advertiseKeys();
    expect(() => session.advertiseKeys()).toThrow(StageError);
    expect(session.stage).toBe(RoundStage.AdvertiseKeys);
  });

  it('rejects a forged advertisement with SignatureError and aborts', () => {
    const cohort = createTestCohort({ n: 3 });
    const [first, second, third] = [1, 2, 3].map((id) => sessionOf(cohort, id));
    first.advertiseKeys();
    const honest = second.advertiseKeys();
    const impostor = nacl.sign.keyPair();
    const forged = { ...third.advertiseKeys(), signature: nacl.sign.detached(new Uint8Array(8), impostor.secretKey) };
    expect(() => first.shareKeys([honest, forged])).toThrow(SignatureError);
    expect(first.stage).toBe(RoundStage.Abandoned);
  });

  it('aborts with ThresholdError when fewer than t neighbours advertised, and refuses strangers', () => {
    const cohort = createTestCohort({ n: 5, threshold: 3 });
    const sessions = [1, 2, 3, 4, 5].map((id) => sessionOf(cohort, id));
    const adverts = sessions.map((session) => session.advertiseKeys());
    expect(() => sessions[0].shareKeys([adverts[1], adverts[2]])).toThrow(ThresholdError);
    expect(sessions[0].stage).toBe(RoundStage.Abandoned);
    expect(() => sessions[1].shareKeys([adverts[1], adverts[2], adverts[3]])).toThrow(MalformedMessageError);
    expect(() => sessions[2].shareKeys([{ ...adverts[0], roundId: 'other' }])).toThrow(MalformedMessageError);
  });

  describe('unmask refuses requests that could expose an input', () => {
    const prepared = () => {
      const cohort = createTestCohort({ n: 5, threshold: 3 });
      runUntilUnmask(cohort);
      return sessionOf(cohort, 1);
    };

    it('a client listed as both survivor and dropout (both shares of one client)', () => {
      const session = prepared();
      expect(() => session.unmask({ survivors: [2, 3, 4], dropouts: [4, 5] })).toThrow(UnmaskRequestError);
      expect(session.stage).toBe(RoundStage.Abandoned);
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
      expect(first.selfSeedShares.map((owned) => owned.owner)).toEqual([2, 3, 4]);
      expect(first.maskKeyShares.map((owned) => owned.owner)).toEqual([5]);
      expect(() => session.unmask({ survivors: [2, 3, 4, 5], dropouts: [] })).toThrow(UnmaskRequestError);
      expect(session.stage).toBe(RoundStage.Abandoned);
    });
  });

  it('opens every delivered share before it gives up, and names all the senders whose boxes do not open', () => {
    const cohort = createTestCohort({ n: 5 });
    const { server, sessions } = cohort;
    for (const session of sessions.values()) server.receiveAdvertisement(session.advertiseKeys());
    server.closeAdvertiseKeys();
    for (const [id, session] of sessions) server.receiveShares(session.shareKeys(server.advertisementsFor(id)));
    server.closeShareKeys();
    const delivery = server.sharesFor(1);
    const delivered = {
      ...delivery,
      shares: delivery.shares.map((share) =>
        share.peer === 2 || share.peer === 4
          ? { ...share, ciphertext: share.ciphertext.map((byte) => byte ^ 0x5a) }
          : share,
      ),
    };
    let caught: unknown;
    try {
      sessionOf(cohort, 1).maskInput(new Uint32Array(4), delivered);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ShareDecryptionError);
    expect((caught as ShareDecryptionError).accused).toEqual([2, 4]);
    expect(sessionOf(cohort, 1).stage).toBe(RoundStage.Abandoned);
  });

  it('names bad constructor arguments', () => {
    const cohort = createTestCohort({ n: 3 });
    const config = cohort.server.clientConfigFor(1);
    const base = {
      clientIndex: 1,
      roundId: 'round-test',
      identitySecretKey: identityOf(cohort, 1).secretKey,
      config,
      neighbourIdentityKeys: new Map(
        config.neighbours.map((peer) => [peer, identityOf(cohort, peer).publicKey] as const),
      ),
    };
    expect(() => new SecAggClientSession({ ...base, clientIndex: 0 })).toThrow(/clientIndex/);
    expect(() => new SecAggClientSession({ ...base, config: { ...config, threshold: 1 } })).toThrow(/threshold/);
    expect(() => new SecAggClientSession({ ...base, config: { ...config, neighbours: [2] } })).toThrow(/neighbours/);
    expect(() => new SecAggClientSession({ ...base, neighbourIdentityKeys: new Map() })).toThrow(
      /neighbourIdentityKeys/,
    );
    expect(() => new SecAggClientSession({ ...base, identitySecretKey: new Uint8Array(32) })).toThrow(
      /identitySecretKey/,
    );
  });

  describe('consistency check (opt-in)', () => {
    // Complete graph of 5, t = 3: client 1's neighbours are 2..5.
    const checked = () => {
      const cohort = createTestCohort({ n: 5, threshold: 3, consistencyCheck: true });
      runUntilUnmask(cohort);
      return cohort;
    };
    const all = [1, 2, 3, 4, 5];
    const signatureOf = (cohort: ReturnType<typeof checked>, signer: number, survivors: number[]) =>
      signSurvivorSet({ roundId: 'round-test', clientIndex: signer, survivors }, identityOf(cohort, signer).secretKey);

    it('walks MaskedInput -> ConsistencyCheck -> Completed; unmask waits for a passed check (StageError, state kept)', () => {
      const cohort = checked();
      const session = sessionOf(cohort, 1);
      expect(session.consistencyCheck).toBe(true);
      expect(() => session.unmask(cohort.server.unmaskRequestFor(1))).toThrow(StageError);
      expect(session.stage).toBe(RoundStage.MaskedInput);
      const signature = session.signSurvivors({ roundId: 'round-test', survivors: all });
      expect(session.stage).toBe(RoundStage.ConsistencyCheck);
      expect(() => session.signSurvivors({ roundId: 'round-test', survivors: all })).toThrow(StageError);
      expect(() => session.unmask({ survivors: [2, 3, 4, 5], dropouts: [] })).toThrow(StageError);
      expect(session.stage).toBe(RoundStage.ConsistencyCheck);
      session.checkConsistency({
        roundId: 'round-test',
        survivors: all,
        signatures: [2, 3, 4].map((peer) => signatureOf(cohort, peer, all)),
      });
      expect(() => session.checkConsistency({ roundId: 'round-test', survivors: all, signatures: [] })).toThrow(
        StageError,
      );
      expect(signature.clientIndex).toBe(1);
      expect(
        session.unmask({ survivors: [2, 3, 4, 5], dropouts: [] }).selfSeedShares.map((owned) => owned.owner),
      ).toEqual([2, 3, 4, 5]);
      expect(session.stage).toBe(RoundStage.Completed);
    });

    it('a round without the check has no consistency stage (StageError, state kept)', () => {
      const cohort = createTestCohort({ n: 3 });
      runUntilUnmask(cohort);
      const session = sessionOf(cohort, 1);
      expect(session.consistencyCheck).toBe(false);
      expect(() => session.signSurvivors({ roundId: 'round-test', survivors: [1, 2, 3] })).toThrow(StageError);
      expect(() => session.checkConsistency({ roundId: 'round-test', survivors: [1, 2, 3], signatures: [] })).toThrow(
        StageError,
      );
      expect(session.stage).toBe(RoundStage.MaskedInput);
    });

    /** Runs each case on its own session (ids 1, 2, ...) of as few cohorts as possible: each refusal aborts one session. */
    const eachOnOwnSession = <T>(
      cases: readonly T[],
      run: (cohort: ReturnType<typeof checked>, self: number, peers: number[], testCase: T) => void,
    ) => {
      let cohort = checked();
      cases.forEach((testCase, index) => {
        const self = (index % all.length) + 1;
        if (index > 0 && self === 1) cohort = checked();
        run(
          cohort,
          self,
          all.filter((id) => id !== self),
          testCase,
        );
      });
    };
    type ErrorClass = new (...args: never[]) => Error;

    it('signs only a set of this round that holds itself and t of its peers', () => {
      type Request = (self: number, peers: number[]) => { roundId: string; survivors: number[] };
      const cases: [Request, ErrorClass][] = [
        [(_, peers) => ({ roundId: 'round-test', survivors: peers }), ConsistencyError],
        [(self, peers) => ({ roundId: 'round-test', survivors: [self, peers[0], peers[1]] }), ThresholdError],
        [() => ({ roundId: 'other-round', survivors: all }), MalformedMessageError],
        [(self) => ({ roundId: 'round-test', survivors: [...all, self] }), MalformedMessageError],
      ];
      eachOnOwnSession(cases, (cohort, self, peers, [request, error]) => {
        const session = sessionOf(cohort, self);
        expect(() => session.signSurvivors(request(self, peers))).toThrow(error);
        expect(session.stage).toBe(RoundStage.Abandoned);
      });
    });

    it('refuses deliveries with named errors (forged, other set, duplicate, too few, own or stranger, other round, other survivor set), aborts and reveals nothing', () => {
      const forger = nacl.sign.keyPair().secretKey;
      const cases: [
        string,
        (
          sig: (signer: number, set: number[]) => ConsistencySignature,
          self: number,
          p: number[],
        ) => ConsistencyDelivery,
        ErrorClass,
      ][] = [
        [
          'forged',
          (sig, _, p) => ({
            roundId: 'round-test',
            survivors: all,
            signatures: [
              sig(p[0], all),
              sig(p[1], all),
              signSurvivorSet({ roundId: 'round-test', clientIndex: p[2], survivors: all }, forger),
            ],
          }),
          SignatureError,
        ],
        [
          'genuine over another set',
          (sig, _, p) => ({
            roundId: 'round-test',
            survivors: all,
            signatures: [
              sig(p[0], all),
              sig(p[1], all),
              sig(
                p[2],
                all.filter((id) => id !== p[3]),
              ),
            ],
          }),
          SignatureError,
        ],
        [
          'duplicated to make up t',
          (sig, _, p) => ({
            roundId: 'round-test',
            survivors: all,
            signatures: [sig(p[0], all), sig(p[1], all), sig(p[1], all)],
          }),
          MalformedMessageError,
        ],
        [
          'too few',
          (sig, _, p) => ({ roundId: 'round-test', survivors: all, signatures: [sig(p[0], all), sig(p[1], all)] }),
          ThresholdError,
        ],
        [
          'its own',
          (sig, self, p) => ({
            roundId: 'round-test',
            survivors: all,
            signatures: [sig(p[0], all), sig(p[1], all), sig(self, all)],
          }),
          MalformedMessageError,
        ],
        [
          'a stranger',
          (sig, _, p) => ({
            roundId: 'round-test',
            survivors: all,
            signatures: [sig(p[0], all), sig(p[1], all), { ...sig(p[2], all), clientIndex: 9 }],
          }),
          MalformedMessageError,
        ],
        [
          'another round',
          (sig, _, p) => ({
            roundId: 'round-test',
            survivors: all,
            signatures: [sig(p[0], all), sig(p[1], all), { ...sig(p[2], all), roundId: 'x' }],
          }),
          MalformedMessageError,
        ],
        [
          'not the signed set',
          (sig, _, p) => {
            const fewer = all.filter((id) => id !== p[3]);
            return { roundId: 'round-test', survivors: fewer, signatures: [0, 1, 2].map((i) => sig(p[i], fewer)) };
          },
          ConsistencyError,
        ],
      ];
      eachOnOwnSession(cases, (cohort, self, peers, [name, delivery, error]) => {
        const session = sessionOf(cohort, self);
        session.signSurvivors({ roundId: 'round-test', survivors: all });
        const sig = (signer: number, set: number[]) => signatureOf(cohort, signer, set);
        expect(() => session.checkConsistency(delivery(sig, self, peers))).toThrow(error);
        expect([name, session.stage]).toEqual([name, RoundStage.Abandoned]);
        expect(() => session.unmask({ survivors: peers, dropouts: [] })).toThrow(StageError);
      });
    });

    it('refuses a signer outside the signed set (ConsistencyError), though its signature is genuine', () => {
      const cohort = checked();
      const session = sessionOf(cohort, 1);
      const withoutFive = [1, 2, 3, 4];
      session.signSurvivors({ roundId: 'round-test', survivors: withoutFive });
      const signatures = [2, 3, 5].map((peer) => signatureOf(cohort, peer, withoutFive));
      expect(() => session.checkConsistency({ roundId: 'round-test', survivors: withoutFive, signatures })).toThrow(
        ConsistencyError,
      );
    });

    it('refuses an unmask request that is not the signed set restricted to its peers (UnmaskRequestError)', () => {
      const cohort = checked();
      signAllSurvivors(cohort);
      const requests = [
        (peers: number[]) => ({ survivors: peers.slice(0, 3), dropouts: [peers[3]] }), // a signed survivor's mask key: the attack
        (peers: number[]) => ({ survivors: peers.slice(0, 3), dropouts: [] }),
      ];
      requests.forEach((request, index) => {
        const self = index + 1;
        const session = sessionOf(cohort, self);
        session.checkConsistency(cohort.server.consistencyDeliveryFor(self));
        expect(() => session.unmask(request(all.filter((id) => id !== self)))).toThrow(UnmaskRequestError);
        expect(session.stage).toBe(RoundStage.Abandoned);
      });
    });
  });
});
