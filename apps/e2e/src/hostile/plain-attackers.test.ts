import type { CoordinatorConfigInput } from '@edgefl/coordinator';
import { hostileRun } from '../support/hostile-run';
import { ScriptedTrainer } from '../support/scripted-trainer';

// An attacker that reports the largest float32 delta with 2^40 samples: the first round's model
// lands at the float32 maximum and every later sum with it in overflows ("the aggregate is not
// finite"), so before the fix every attempt of round 2 was abandoned and the run stopped.
const overflow = () =>
  new ScriptedTrainer((task) => ({
    delta: new Float32Array(task.weights.length).fill(3.4e38),
    numSamples: 2 ** 40,
    metrics: { loss: 1, accuracy: 0 },
  }));

const CONFIG: CoordinatorConfigInput = {
  secure: false,
  rounds: 3,
  overSelection: 1,
  minReports: 3,
  roundTimeoutMs: 20_000,
};

describe('malicious clients in plain rounds (issue 15, item 3)', () => {
  it('1 attacker among 10 honest clients, all selected every attempt: every round completes', async () => {
    const run = await hostileRun({
      honest: 10,
      attackers: [{ trainer: overflow() }],
      config: { ...CONFIG, clientsPerRound: 11 },
    });
    expect({ reason: run.summary.reason, rounds: run.summary.roundsCompleted }).toEqual({
      reason: 'completed',
      rounds: 3,
    });
    expect(run.records.filter((record) => record.outcome === 'completed').map((record) => record.round)).toEqual([
      1, 2, 3,
    ]);
    for (let i = 0; i < run.summary.weights.length; i++) expect(Number.isFinite(run.summary.weights[i])).toBe(true);
  });

  it('10% attackers (2 of 20): every round of the run completes', async () => {
    const run = await hostileRun({
      honest: 18,
      attackers: [{ trainer: overflow() }, { trainer: overflow() }],
      config: { ...CONFIG, rounds: 4, clientsPerRound: 20 },
    });
    expect({ reason: run.summary.reason, rounds: run.summary.roundsCompleted }).toEqual({
      reason: 'completed',
      rounds: 4,
    });
    expect(run.records.filter((record) => record.outcome === 'completed')).toHaveLength(4);
  });
});
