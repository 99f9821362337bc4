import { RoundStage } from '@edgefl/protocol';
import { blameAttempt } from './blame-attempt';
import { resolveCoordinatorConfig } from './coordinator-config';
import { createRoundState } from './round-state';

function attempt(stage: RoundStage, cohort: string[], reported: string[], dropped: string[]) {
  const state = createRoundState({
    runId: 'run',
    round: 2,
    attempt: 1,
    modelVersion: 1,
    globalWeights: new Float32Array(2),
    seed: 1,
    bytesInAtStart: 0,
    bytesOutAtStart: 0,
  });
  state.stage = stage;
  cohort.forEach((id) => state.cohort.add(id));
  state.reported.push(...reported);
  dropped.forEach((id) => state.dropped.add(id));
  return state;
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `c${i}`);
const config = resolveCoordinatorConfig({ secure: false, clientsPerRound: 10, overSelection: 1, minReports: 3 });

describe('blameAttempt', () => {
  it('clears the participants of a completed attempt', () => {
    const verdict = blameAttempt(attempt(RoundStage.Aggregate, ids(4), ['c0', 'c1', 'c2'], ['c3']), true, config, 4);
    expect(verdict).toMatchObject({ round: 2, completed: true, cleared: ['c0', 'c1', 'c2'], suspects: [] });
  });

  it('suspects the clients of a failed sum, and halves the retry when there is no fresh cohort', () => {
    const state = attempt(RoundStage.Aggregate, ids(10), ids(10), []);
    expect(blameAttempt(state, false, config, 10)).toMatchObject({ suspects: ids(10), nextCohortLimit: 5 });
    // Enough other clients connected: the retry simply goes to them.
    expect(blameAttempt(state, false, config, 20).nextCohortLimit).toBeUndefined();
    // Blame already names someone: no halving, no suspects beyond it.
    state.blame.evidence.set('c4', 'wrong shares');
    expect(blameAttempt(state, false, config, 10).nextCohortLimit).toBeUndefined();
  });

  it('blames the silent, not the reporters, when a plain round had too few reports', () => {
    expect(blameAttempt(attempt(RoundStage.Aggregate, ids(4), ['c0', 'c1'], ['c2']), false, config, 4)).toMatchObject({
      suspects: ['c2'],
      nextCohortLimit: undefined,
    });
  });

  it('suspects a silent minority, never a silent majority, nor complainers', () => {
    expect(
      blameAttempt(attempt(RoundStage.MaskedInput, ids(6), ['c0', 'c1'], ['c4', 'c5']), false, config, 6).suspects,
    ).toEqual(['c4', 'c5']);
    expect(blameAttempt(attempt(RoundStage.ShareKeys, ids(6), [], ids(6)), false, config, 6).suspects).toEqual([]);
    const complained = attempt(RoundStage.MaskedInput, ids(6), [], ['c1', 'c2']);
    complained.blame.complaints.push({ from: 'c1', against: 'c3', reason: 'share-box' });
    expect(blameAttempt(complained, false, config, 6).suspects).toEqual(['c2']);
  });
});
