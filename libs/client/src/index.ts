export { FederatedClient } from './federated-client';
export type { FederatedClientOptions, FederatedClientEvents, ClientRunSummary } from './federated-client';
export type { LocalTrainer, LocalTrainingTask, LocalTrainingResult } from './local-trainer';
export type { LocalDataset } from '@edgefl/runtime';
export type { ModelSpec, TrainingConfig, RoundEndMessage, RunEndMessage } from '@edgefl/protocol';
export { ErrorCode } from '@edgefl/protocol';
export { TfjsTrainer } from './tfjs-trainer';
export {
  CoordinatorRejectedError,
  CoordinatorUnreachableError,
  ModelDownloadError,
  PayloadTooLargeError,
} from './client-errors';
export { generateIdentity } from './client-identity';
export type { ClientIdentity } from './client-identity';
export { DEFAULT_CONNECTION_POLICY } from './connection-policy';
export type { ConnectionOptions } from './connection-policy';
export { coordinatorModelUrl, loadCoordinatorModel } from './load-coordinator-model';
export type { LoadModelOptions } from './load-coordinator-model';
export { SecureRoundError } from './secure-round-error';
export { DownlinkMismatchError } from './downlink-receiver';
export { DownlinkBases } from './downlink-bases';
