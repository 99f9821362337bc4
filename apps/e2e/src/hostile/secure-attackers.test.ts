import type { CoordinatorConfigInput } from '@edgefl/coordinator';
import { hostileRun } from '../support/hostile-run';
import type { Tamper } from '../support/tampering-connect';
import {
  garbageShareBoxes,
  randomMaskedInput,
  sameShareAndMaskKey,
  tamperingConnect,
  wrongSelfSeedShares,
} from '../support/tampering-connect';

// 10 honest clients and 1 attacker, every one of them selected in every attempt (clientsPerRound 11):
// before the fix each of these attacks abandoned every attempt and the run stopped after 5.
const CONFIG: CoordinatorConfigInput = {
  rounds: 3,
  clientsPerRound: 11,
  overSelection: 1,
  minReports: 4,
  roundTimeoutMs: 20_000,
  // No attack here is caught by a deadline: each is refused, complained about or named by robust
  // reconstruction. The stage deadline (the default 30 s) is only a backstop, long enough that 11 to
  // 20 SDK clients doing their key stages in one process never hit it on a loaded machine (at 5 s
  // they did, and their attempts were abandoned for being slow, not for the attack).
  secure: { range: 0.5, bits: 8, weightCap: 150, stageTimeoutMs: 30_000 },
};

describe('one malicious client in every secure cohort (issue 15, item 3)', () => {
  it.each<{ attack: string; tamper: (secretKey: Uint8Array) => Tamper; caughtInRound: boolean }>([
    // The coordinator makes the peers' advert checks itself: the advert is refused, the attacker drops out of that attempt.
    {
      attack: 'an advert whose share key is its mask key',
      tamper: (secretKey) => sameShareAndMaskKey(secretKey),
      caughtInRound: true,
    },
    // Its neighbours cannot open its boxes: they complain (secagg-complaint) and the retry goes on without it.
    { attack: 'garbage share ciphertexts', tamper: () => garbageShareBoxes, caughtInRound: false },
    // Robust reconstruction corrects its shares and names it: the round completes in its first attempt.
    { attack: 'wrong self-seed shares at unmask', tamper: () => wrongSelfSeedShares, caughtInRound: true },
  ])('$attack: every round completes and the attacker is quarantined', async ({ tamper, caughtInRound }) => {
    const run = await hostileRun({
      honest: 10,
      attackers: [{ connect: (identity) => tamperingConnect(tamper(identity.secretKey)) }],
      config: CONFIG,
    });
    expect({ reason: run.summary.reason, rounds: run.summary.roundsCompleted }).toEqual({
      reason: 'completed',
      rounds: 3,
    });
    expect(run.quarantined).toEqual(['attacker0']);
    const completed = run.records.filter((record) => record.outcome === 'completed');
    expect(completed.map((record) => record.round)).toEqual([1, 2, 3]);
    // Once quarantined it is never selected again: 10 honest participants per later round.
    expect(completed.slice(1).map((record) => [record.selected, record.participants])).toEqual([
      [10, 10],
      [10, 10],
    ]);
    if (caughtInRound)
      expect(run.records.map((record) => record.outcome)).toEqual(['completed', 'completed', 'completed']);
  });

  it('a random masked input (nobody can be named): every round completes, retries narrow the cohort down to the attacker', async () => {
    const run = await hostileRun({
      honest: 10,
      attackers: [{ connect: () => tamperingConnect(randomMaskedInput(15)) }],
      config: CONFIG,
    });
    expect({ reason: run.summary.reason, rounds: run.summary.roundsCompleted }).toEqual({
      reason: 'completed',
      rounds: 3,
    });
    const abandoned = run.records.filter((record) => record.outcome === 'abandoned');
    // Every abandoned attempt had the attacker's input in its sum; after quarantineScore of them it is out.
    for (const record of abandoned) expect(record.reason).toMatch(/does not decode|weights sum|not finite/);
    expect(abandoned.length).toBeLessThanOrEqual(3);
    expect(run.quarantined).toContain('attacker0');
  });

  it('10% attackers (2 of 20: garbage share boxes and a random masked input): every round of the run completes', async () => {
    const run = await hostileRun({
      honest: 18,
      attackers: [
        { connect: () => tamperingConnect(garbageShareBoxes) },
        { connect: () => tamperingConnect(randomMaskedInput(16)) },
      ],
      config: { ...CONFIG, clientsPerRound: 20 },
    });
    expect({ reason: run.summary.reason, rounds: run.summary.roundsCompleted }).toEqual({
      reason: 'completed',
      rounds: 3,
    });
    expect(run.records.filter((record) => record.outcome === 'completed').map((record) => record.round)).toEqual([
      1, 2, 3,
    ]);
    expect(run.quarantined).toContain('attacker0');
  });
});
