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

  it('gives each training client the round deadline however many wait before it on its thread: the embedded coordinator waits that many times longer', async () => {
    // 6 clients, 4 per round: a cohort of 6 on one thread, trained one after another (tfjs, not light).
    let coordinator: Coordinator | undefined;
    const report = await runSimulation(
      lightSyntheticRun({ light: false, clients: 6, perRound: 4, rounds: 1, roundTimeoutMs: 100_000, testLimit: 8 }),
      { onCoordinator: (c) => (coordinator = c) },
    );
    expect(report.summary.roundsCompleted).toBe(1);
    expect(coordinator?.config.roundTimeoutMs).toBe(6 * 100_000);
    expect(coordinator?.config.pingTimeoutMs).toBe(6 * 100_000);
    const secure = coordinator?.config.secure;
    expect(secure && secure.stageTimeoutMs).toBe((6 * 100_000) / 4);
    // The report keeps the deadline as given: it is per simulated device.
    expect(report.config.roundTimeoutMs).toBe(100_000);
  });
});
