import { runSimulation } from '@edgefl/simulation';
import type { SimulationOptions, SimulationReport } from '@edgefl/simulation';
import { smallSyntheticRun } from './support/small-synthetic-run';

/** A small synthetic run with evaluation (not light) and 20% dropout: the coordinator's place must not change a number. */
const FLAGS: SimulationOptions = smallSyntheticRun({ rounds: 3, seed: 4 });

describe('the embedded coordinator in a process of its own (issue 16, item 20)', () => {
  it('gives the same report as in the simulator process: initial evaluation, rounds, every client connected', async () => {
    const starts: boolean[] = [];
    const run = (coordinatorProcess: boolean): Promise<SimulationReport> =>
      runSimulation({ ...FLAGS, coordinatorProcess }, { onStart: (info) => starts.push(info.coordinatorProcess) });
    const inProcess = await run(false);
    const ownProcess = await run(true);
    expect(starts).toEqual([false, true]);
    expect(ownProcess.initial).toEqual(inProcess.initial);
    expect(ownProcess.initial.accuracy).not.toBeNull();
    expect(ownProcess.rounds).toEqual(inProcess.rounds);
    expect(ownProcess.rounds.map((round) => round.round)).toEqual([1, 2, 3]);
    expect(ownProcess.summary.connections).toEqual({ expected: 6, connected: 6, failed: 0, failures: {} });
  });
});
