import type { RoundRecord } from '@edgefl/coordinator-store';
import { toReportSeries } from './report-html-series';
import type { ReportedRound, SimulationReport } from './simulation-report';

function row(round: number, accuracy: number | null, bytesUp: number): ReportedRound {
  return {
    round,
    accuracy,
    loss: accuracy === null ? null : 1 - accuracy,
    participants: 4,
    dropped: 1,
    rejected: round % 2,
    attempts: 1,
    bytesUp,
    bytesDown: 2 * bytesUp,
    uplinkBytesPerParam: 1.01,
    bytesUpPerAggregatedClient: bytesUp / 4,
  };
}

function report(rounds: ReportedRound[], initialAccuracy: number | null): SimulationReport {
  return {
    config: {} as SimulationReport['config'],
    modelParams: 10,
    initial: { accuracy: initialAccuracy, loss: initialAccuracy === null ? null : 2 },
    rounds,
    timings: [],
    attempts: [] as RoundRecord[],
    summary: { roundsCompleted: rounds.length, finalAccuracy: null, totalBytesUp: 0, totalBytesDown: 0, wallTimeMs: 0 },
  };
}

describe('toReportSeries', () => {
  it('starts from the initial model and accumulates uploaded bytes in MiB', () => {
    const series = toReportSeries(report([row(1, 0.5, 1024 * 1024), row(2, 0.75, 3 * 1024 * 1024)], 0.1));
    expect(series.accuracyByRound).toEqual([
      { x: 0, y: 10 },
      { x: 1, y: 50 },
      { x: 2, y: 75 },
    ]);
    expect(series.lossByRound).toEqual([
      { x: 0, y: 2 },
      { x: 1, y: 0.5 },
      { x: 2, y: 0.25 },
    ]);
    expect(series.accuracyByMiBUp).toEqual([
      { x: 0, y: 10 },
      { x: 1, y: 50 },
      { x: 4, y: 75 },
    ]);
    expect(series.kibUpPerRound).toEqual([1024, 3072]);
    expect(series.kibDownPerRound).toEqual([2048, 6144]);
    expect(series.participantsPerRound).toEqual([4, 4]);
    expect(series.droppedPerRound).toEqual([1, 1]);
    expect(series.rejectedPerRound).toEqual([1, 0]);
    expect(series.rounds).toEqual([1, 2]);
  });

  it('leaves out evaluations that did not happen, but still counts their bytes', () => {
    const series = toReportSeries(report([row(1, null, 1024 * 1024), row(2, 0.5, 1024 * 1024)], null));
    expect(series.accuracyByRound).toEqual([{ x: 2, y: 50 }]);
    expect(series.accuracyByMiBUp).toEqual([{ x: 2, y: 50 }]);
    expect(series.rounds).toEqual([1, 2]);
  });

  it('names a bad report', () => {
    expect(() => toReportSeries(null as unknown as SimulationReport)).toThrow(/report/);
  });
});
