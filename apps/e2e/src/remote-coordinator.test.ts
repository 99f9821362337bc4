import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import { createDashboard } from '@edgefl/dashboard';
import { startCoordinator } from './support/start-coordinator';

describe('simulating against a coordinator someone else started', () => {
  it('reports the remote round log from the coordinator feed', async () => {
    const { coordinator, url, store } = await startCoordinator(
      { secure: false, rounds: 2, clientsPerRound: 3, overSelection: 1, minReports: 3 },
      { evaluate: async () => ({ accuracy: 0.5, loss: 1 }) },
    );
    coordinator.addHttpHandler(createDashboard(coordinator).httpHandler);
    try {
      const simulation = runSimulation({
        ...DEFAULT_SIMULATION_OPTIONS,
        secure: false,
        bits: 32,
        coordinator: url,
        clients: 3,
        dataset: 'synthetic',
        inputSize: 8,
        samplesPerClient: 16,
        light: true,
        threads: 1,
        quiet: true,
      });
      expect(await coordinator.waitForClients(3, 20_000)).toBe(true);
      await coordinator.run();
      const report = await simulation;
      const stored = await store.rounds();
      expect(report.rounds.map((r) => [r.round, r.participants])).toEqual(stored.map((r) => [r.round, r.participants]));
      expect(report.rounds).toHaveLength(2);
      expect(report.rounds.every((r) => r.accuracy === 0.5 && r.bytesUp > 0)).toBe(true);
      expect(report.initial).toEqual({ accuracy: 0.5, loss: 1 });
    } finally {
      await coordinator.close();
    }
  });

  it('ends (with its report) when clients that vanished in the last round cannot rejoin a coordinator that has closed', async () => {
    const { coordinator, url } = await startCoordinator({
      secure: false,
      rounds: 1,
      clientsPerRound: 3,
      overSelection: 1,
      minReports: 3,
      maxAttemptsPerRound: 1,
      roundTimeoutMs: 5_000,
    });
    coordinator.addHttpHandler(createDashboard(coordinator).httpHandler);
    const simulation = runSimulation({
      ...DEFAULT_SIMULATION_OPTIONS,
      secure: false,
      bits: 32,
      coordinator: url,
      clients: 3,
      dataset: 'synthetic',
      inputSize: 8,
      samplesPerClient: 16,
      light: true,
      threads: 1,
      quiet: true,
      dropout: 1,
    });
    try {
      expect(await coordinator.waitForClients(3, 20_000)).toBe(true);
      // Every selected client vanishes and rejoins a moment later; the only attempt is abandoned and the run stops.
      expect((await coordinator.run()).reason).toBe('stopped');
    } finally {
      await coordinator.close(0);
    }
    // The coordinator is gone: the rejoining clients would retry forever. The simulation must still end.
    const report = await simulation;
    expect(report.rounds).toHaveLength(0);
    expect(report.attempts.map((attempt) => attempt.outcome)).toEqual(['abandoned']);
  });
});
