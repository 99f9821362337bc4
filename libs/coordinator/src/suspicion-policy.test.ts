import fc from 'fast-check';
import { createAttemptBlame } from './attempt-blame';
import { resolveSuspicionConfig } from './suspicion-config';
import { SuspicionPolicy } from './suspicion-policy';

const failed = (round: number, suspects: string[], blame = createAttemptBlame()) => ({
  round,
  completed: false,
  blame,
  suspects,
  cleared: [],
});
const completed = (round: number, cleared: string[], blame = createAttemptBlame()) => ({
  round,
  completed: true,
  blame,
  suspects: [],
  cleared,
});

describe('SuspicionPolicy', () => {
  it('quarantines a client the coordinator caught at once, and releases it on probation after quarantineRounds', () => {
    const policy = new SuspicionPolicy({ quarantineRounds: 2 });
    const blame = createAttemptBlame();
    blame.evidence.set('mallory', 'advert reuses a key');
    expect(policy.recordAttempt(failed(1, ['alice'], blame))).toEqual(['mallory']);
    // Evidence explains the failure: nobody else is suspected.
    expect(policy.scoreOf('alice')).toBe(0);
    expect(policy.recordAttempt(completed(1, ['alice', 'bob']))).toEqual([]);
    expect(policy.isQuarantined('mallory')).toBe(true);
    policy.recordAttempt(completed(2, ['alice']));
    expect(policy.isQuarantined('mallory')).toBe(false);
    expect(policy.scoreOf('mallory')).toBe(2);
    // On probation: one more unexplained failure with it in the sum quarantines it again.
    expect(policy.recordAttempt(failed(3, ['mallory', 'alice']))).toEqual(['mallory']);
  });

  it('suspects the members of an unexplained failure, clears the participants of a completed round', () => {
    const policy = new SuspicionPolicy();
    policy.recordAttempt(failed(1, ['a', 'b', 'm']));
    policy.recordAttempt(failed(1, ['c', 'd', 'm']));
    expect([policy.scoreOf('a'), policy.scoreOf('c'), policy.scoreOf('m')]).toEqual([1, 1, 2]);
    policy.recordAttempt(completed(1, ['a', 'b', 'c']));
    expect([policy.scoreOf('a'), policy.scoreOf('d'), policy.scoreOf('m')]).toEqual([0, 1, 2]);
    expect(policy.recordAttempt(failed(2, ['m', 'e']))).toEqual(['m']);
    expect(policy.quarantined()).toEqual(['m']);
  });

  it('counts a complaint as a dispute (both +1), once per pair and attempt, for at most maxAccusedPerClient distinct peers', () => {
    const policy = new SuspicionPolicy({ maxAccusedPerClient: 2 });
    const blame = createAttemptBlame();
    for (const against of ['h1', 'h1', 'h2', 'h3'])
      blame.complaints.push({ from: 'liar', against, reason: 'box does not open' });
    blame.complaints.push({ from: 'liar', against: 'liar', reason: 'self' });
    policy.recordAttempt(failed(1, ['x'], blame));
    expect([
      policy.scoreOf('h1'),
      policy.scoreOf('h2'),
      policy.scoreOf('h3'),
      policy.scoreOf('liar'),
      policy.scoreOf('x'),
    ]).toEqual([1, 1, 0, 2, 0]);
  });

  it('complaints from several honest neighbours quarantine a peer that sent garbage boxes', () => {
    const policy = new SuspicionPolicy();
    const blame = createAttemptBlame();
    for (const from of ['a', 'b', 'c', 'd'])
      blame.complaints.push({ from, against: 'm', reason: 'share box does not open' });
    expect(policy.recordAttempt(failed(1, [], blame))).toEqual(['m']);
  });

  it('a false complainer never gets an honest peer quarantined without being quarantined itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom('h1', 'h2', 'h3')), { minLength: 1, maxLength: 40 }),
        (attempts) => {
          const policy = new SuspicionPolicy();
          let round = 1;
          for (const [ok, target] of attempts) {
            // A quarantined client is not selected again: from then on the liar takes part in nothing.
            if (policy.isQuarantined('liar')) break;
            const blame = createAttemptBlame();
            blame.complaints.push({ from: 'liar', against: target, reason: 'lie' });
            // The liar may also sabotage the attempt (unattributable), or the attempt completes with the target in it.
            policy.recordAttempt(ok ? completed(round++, [target], blame) : failed(round, ['liar', target], blame));
            const victims = ['h1', 'h2', 'h3'].filter((id) => policy.isQuarantined(id));
            if (victims.length > 0) expect(policy.isQuarantined('liar')).toBe(true);
            expect(victims.length).toBeLessThanOrEqual(2);
          }
        },
      ),
    );
  });

  it('names bad settings', () => {
    expect(() => resolveSuspicionConfig({ quarantineScore: 0 })).toThrow(/config\.suspicion\.quarantineScore/);
    expect(() => resolveSuspicionConfig({ quarantineRounds: 1.5 })).toThrow(/quarantineRounds/);
    expect(resolveSuspicionConfig()).toEqual({ quarantineScore: 3, quarantineRounds: 10, maxAccusedPerClient: 2 });
  });
});
