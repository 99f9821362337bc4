import { epsilonFor } from '@edgefl/privacy';
import { runSimulation } from './run-simulation';
import { lightSyntheticRun } from './testing/light-synthetic-run';

describe("a DP simulation's report (report.json)", () => {
  it('has config.dp, epsilon after every round and over the run, and says the run stopped when the budget was spent', async () => {
    const noiseMultiplier = 2;
    // Two rounds at q = 1 fit in the budget, a third would not.
    const budget = epsilonFor({ q: 1, noiseMultiplier, rounds: 2, delta: 1e-5 }) * 1.0001;
    const report = await runSimulation(
      lightSyntheticRun({
        clients: 3,
        perRound: 3,
        minReports: 3,
        rounds: 4,
        dp: { clip: 0.5, noiseMultiplier, epsilon: budget, delta: 1e-5, population: 3 },
      }),
    );
    expect(report.config.dp).toMatchObject({ clip: 0.5, noiseMultiplier, epsilon: budget, delta: 1e-5 });
    expect(report.rounds.map((r) => r.epsilon)).toEqual([
      expect.closeTo(epsilonFor({ q: 1, noiseMultiplier, rounds: 1, delta: 1e-5 }), 8),
      expect.closeTo(epsilonFor({ q: 1, noiseMultiplier, rounds: 2, delta: 1e-5 }), 8),
    ]);
    expect(report.summary).toMatchObject({ roundsCompleted: 2, epsilon: report.rounds[1].epsilon, budgetSpent: true });
  });
});
