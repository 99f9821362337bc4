export { FederatedClient } from './federated-client';
export type { FederatedClientOptions, FederatedClientEvents, ClientRunSummary } from './federated-client';
export type { LocalTrainer, LocalTrainingTask, LocalTrainingResult } from './local-trainer';
export { TfjsTrainer } from './tfjs-trainer';
export { UpdateEncoder } from './update-encoder';
export { CoordinatorRejectedError, PayloadTooLargeError } from './client-errors';
