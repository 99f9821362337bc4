import type { SimulationReport } from './simulation-report';

/** A point of an x/y chart. */
export interface ReportPoint {
  x: number;
  y: number;
}

/** What report.html plots, computed once in TypeScript so the page script only draws. */
export interface ReportSeries {
  /** Test accuracy in percent per round; round 0 is the initial model when it was evaluated. */
  accuracyByRound: ReportPoint[];
  lossByRound: ReportPoint[];
  /** Test accuracy in percent against the cumulative MiB clients uploaded (abandoned attempts included). */
  accuracyByMiBUp: ReportPoint[];
  lossByMiBUp: ReportPoint[];
  rounds: number[];
  kibUpPerRound: number[];
  kibDownPerRound: number[];
  participantsPerRound: number[];
  droppedPerRound: number[];
  rejectedPerRound: number[];
}

const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * The chart series of a simulation report.
 *
 * @example
 * toReportSeries(report).accuracyByRound; // [{ x: 0, y: 10.2 }, { x: 1, y: 41.7 }, ...]
 */
export function toReportSeries(report: SimulationReport): ReportSeries {
  if (!report || !Array.isArray(report.rounds)) throw new TypeError('report must be a SimulationReport with rounds');
  const series: ReportSeries = {
    accuracyByRound: [],
    lossByRound: [],
    accuracyByMiBUp: [],
    lossByMiBUp: [],
    rounds: [],
    kibUpPerRound: [],
    kibDownPerRound: [],
    participantsPerRound: [],
    droppedPerRound: [],
    rejectedPerRound: [],
  };
  if (report.initial.accuracy !== null) {
    series.accuracyByRound.push({ x: 0, y: 100 * report.initial.accuracy });
    series.accuracyByMiBUp.push({ x: 0, y: 100 * report.initial.accuracy });
  }
  if (report.initial.loss !== null) {
    series.lossByRound.push({ x: 0, y: report.initial.loss });
    series.lossByMiBUp.push({ x: 0, y: report.initial.loss });
  }
  let bytesUp = 0;
  for (const row of report.rounds) {
    bytesUp += row.bytesUp;
    if (row.accuracy !== null) {
      series.accuracyByRound.push({ x: row.round, y: 100 * row.accuracy });
      series.accuracyByMiBUp.push({ x: bytesUp / MIB, y: 100 * row.accuracy });
    }
    if (row.loss !== null) {
      series.lossByRound.push({ x: row.round, y: row.loss });
      series.lossByMiBUp.push({ x: bytesUp / MIB, y: row.loss });
    }
    series.rounds.push(row.round);
    series.kibUpPerRound.push(row.bytesUp / KIB);
    series.kibDownPerRound.push(row.bytesDown / KIB);
    series.participantsPerRound.push(row.participants);
    series.droppedPerRound.push(row.dropped);
    series.rejectedPerRound.push(row.rejected);
  }
  return series;
}
