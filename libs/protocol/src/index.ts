export { PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './protocol-version';
export { RoundStage } from './round-stage';
export { ErrorCode } from './error-code';
export { ProtocolError } from './protocol-error';
export { DEFAULT_MODEL_SPEC } from './model-spec';
export type { ModelSpec } from './model-spec';
export type { TrainingConfig } from './training-config';
export type { UpdateEncoding } from './update-encoding';
export type { ProtocolLimits } from './limits';
export type { HelloMessage, UpdateMessage, ClientMessage } from './client-messages';
export type {
  WelcomeMessage,
  TaskMessage,
  AcceptedMessage,
  RoundEndMessage,
  RunEndMessage,
  ErrorReply,
  ServerMessage,
} from './server-messages';
export type { Ack, ClientToServerEvents, ServerToClientEvents } from './event-maps';
