export { runSimulation } from './run-simulation';
export type { SimulationHooks } from './run-simulation';
export { DEFAULT_SIMULATION_OPTIONS } from './simulation-options';
export type { SimulationOptions } from './simulation-options';
export { toReportedRounds, toRoundTimings } from './simulation-report';
export type { ReportedRound, RoundProgress, RoundTiming, SimulationReport } from './simulation-report';
export { loadSimulationData } from './simulation-data';
export type { SimulationData } from './simulation-data';
export type { ClientFleet } from './client-fleet';
export { InProcessFleet } from './in-process-fleet';
export { WorkerFleet } from './worker-fleet';
export type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';
export { CorruptingTrainer } from './corrupting-trainer';
export { StragglingTrainer } from './straggling-trainer';
export { renderReportHtml } from './report-html';
export { formatRoundLine } from './format-round-line';
/** Bytes with a binary unit (the one shared with the dashboard and report.html). */
export { formatBytes } from '@edgefl/dashboard/page-kit';
export { LightTrainer, LIGHT_DELTA_VALUE } from './light-trainer';
export {
  OpenFileLimitError,
  assertClientsFitOpenFileLimit,
  assertOpenFileBudget,
  coordinatorNeedsOwnProcess,
  openFilesNeeded,
  readOpenFileLimit,
} from './open-file-budget';
export { ConnectTally } from './connect-tally';
export type { ConnectionSummary } from './connect-tally';
export { formatConnectFailures } from './format-connect-failures';
export { connectFailureReason } from './connect-failure-reason';
export { TooFewClientsError } from './too-few-clients-error';
export { CoordinatorProcess } from './coordinator-process';
export { CoordinatorProcessError } from './coordinator-process-error';
export { spreadOverCoordinators } from './spread-over-coordinators';
export { plainSecureInput, sumVectors } from './plain-secure-input';
export type { SecureClientRecord } from './plain-secure-input';
