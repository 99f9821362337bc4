import type { Coordinator } from '@edgefl/coordinator';
import { runSimulation } from './run-simulation';
import { lightSyntheticRun } from './testing/light-synthetic-run';

describe('what an embedded simulation waits for', () => {
  it('starts after connectWaitMs with the clients connected by then (0: at once), and tolerates heartbeats as late as the round deadline', async () => {
    // A DP run plans q = per-round / clients and must not start with fewer (bench:dp waits 600 s);
    // 500 clients on one worker thread answer heartbeats late while their neighbours train.
    const missing: Array<{ connected: number; expected: number; waitedMs?: number }> = [];
    let coordinator: Coordinator | undefined;
    const report = await runSimulation(
      lightSyntheticRun({ clients: 2, perRound: 1, rounds: 1, connectWaitMs: 0, roundTimeoutMs: 600_000 }),
      { onClientsMissing: (info) => missing.push(info), onCoordinator: (c) => (coordinator = c) },
    );
    expect(missing).toEqual([expect.objectContaining({ connected: 0, expected: 2, waitedMs: 0, starting: true })]);
    expect(report.summary.roundsCompleted).toBe(1);
    expect(coordinator?.config.pingTimeoutMs).toBe(600_000);
  });
});
