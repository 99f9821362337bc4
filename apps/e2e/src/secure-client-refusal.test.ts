import { RoundStage } from '@edgefl/protocol';
import { ROUND, attack, expectRefusal } from './support/malicious-coordinator';

describe('an honest client against a malicious coordinator', () => {
  it('refuses to reveal both shares of one peer (self seed and mask key of client 2), aborts its session and says so', async () => {
    // This coordinator runs no consistency check; the client opts out of requiring one so that the
    // session's own unmask rules are what refuses (secure-consistency-refusal.test.ts covers the default).
    const outcome = await attack({
      announce: undefined,
      client: { requireConsistencyCheck: false },
      // The attack: client 2 listed as a survivor (reveal its self seed) AND a dropout (reveal its mask key).
      afterMaskedInput: (socket) =>
        socket.emit('secagg-unmask', { type: 'secagg-unmask', roundId: ROUND, survivors: [2, 3], dropouts: [2] }),
    });
    expectRefusal(outcome, /both/i);
    expect(outcome.sharePeers.sort()).toEqual([2, 3]);
    expect(outcome.stagesSent).toEqual([RoundStage.AdvertiseKeys, RoundStage.ShareKeys, RoundStage.MaskedInput]);
  });
});
