import { RoundStage } from '@edgefl/protocol';
import { verifySurvivorSetSignature } from '@edgefl/secagg';
import { ALL, HONEST_REQUEST, ROUND, attack, expectRefusal } from './support/malicious-coordinator';

describe('an honest client refuses to reveal when the consistency check is skipped or subverted', () => {
  it('a coordinator that announces the check but skips it (unmask without asking for signatures) gets no reveal', async () => {
    const outcome = await attack({
      announce: true,
      afterMaskedInput: (socket) => socket.emit('secagg-unmask', HONEST_REQUEST),
    });
    expectRefusal(outcome, /needs the consistency check and the coordinator skipped it/);
    expect(outcome.stagesSent).toEqual([RoundStage.AdvertiseKeys, RoundStage.ShareKeys, RoundStage.MaskedInput]);
    expect(outcome.received).not.toContain('secagg-signature');
  });

  it('a coordinator that collects the signature but then sends no delivery gets no reveal', async () => {
    const outcome = await attack({
      announce: true,
      afterMaskedInput: (socket) =>
        socket.emit('secagg-consistency', { type: 'secagg-consistency', roundId: ROUND, survivors: ALL }),
      onSignature: (socket) => socket.emit('secagg-unmask', HONEST_REQUEST),
    });
    expectRefusal(outcome, /needs the consistency check and the coordinator skipped it/);
    expect(outcome.stagesSent).toEqual([
      RoundStage.AdvertiseKeys,
      RoundStage.ShareKeys,
      RoundStage.MaskedInput,
      RoundStage.ConsistencyCheck,
    ]);
  });

  it.each([
    {
      // It tells client 1 that everyone survived but its neighbours that client 1 dropped, and forwards their signatures.
      lie: 'neighbour signatures over another survivor set',
      delivered: ALL,
      signedByNeighbours: [2, 3],
      reason: /does not verify over this survivor set/,
    },
    {
      lie: 'a delivered survivor set other than the signed one',
      delivered: [1, 2],
      signedByNeighbours: [1, 2],
      reason: /differs from the one client 1 signed/,
    },
  ])(
    'a coordinator that shows inconsistent survivor sets ($lie) gets the signature but no reveal',
    async ({ delivered, signedByNeighbours, reason }) => {
      const outcome = await attack({
        announce: true,
        afterMaskedInput: (socket) =>
          socket.emit('secagg-consistency', { type: 'secagg-consistency', roundId: ROUND, survivors: ALL }),
        onSignature: (socket, _signature, forge) =>
          socket.emit('secagg-unmask', {
            ...HONEST_REQUEST,
            consistency: { survivors: delivered, signatures: forge.signaturesOn(signedByNeighbours, [2, 3]) },
          }),
      });
      expectRefusal(outcome, reason);
      // The client did sign, over the wire, exactly the set it was shown, with its identity key.
      expect(outcome.signatures).toHaveLength(1);
      expect(outcome.signatures[0].clientIndex).toBe(1);
      expect(() =>
        verifySurvivorSetSignature(
          { roundId: ROUND, clientIndex: 1, signature: outcome.signatures[0].signature },
          ALL,
          outcome.clientKey,
        ),
      ).not.toThrow();
    },
  );

  it.each([
    {
      announcement: 'announces no check (consistencyCheck: false)',
      announce: false,
      client: { requireConsistencyCheck: true },
    },
    {
      announcement: 'predates the check (no consistencyCheck field), client on its default policy',
      announce: undefined,
      client: {},
    },
  ])('a client that requires the check refuses a coordinator that $announcement', async ({ announce, client }) => {
    const outcome = await attack({
      announce,
      client,
      afterMaskedInput: (socket) => socket.emit('secagg-unmask', HONEST_REQUEST),
    });
    expectRefusal(outcome, /needs the consistency check and the coordinator skipped it/);
    expect(outcome.stagesSent).toEqual([RoundStage.AdvertiseKeys, RoundStage.ShareKeys, RoundStage.MaskedInput]);
  });
});
