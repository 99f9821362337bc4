export { PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './protocol-version';
export { RoundStage } from './round-stage';
export { SECURE_CLIENT_STAGES } from './secure-client-stages';
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
  GoalMetMessage,
  RunEndMessage,
  ErrorReply,
  ServerMessage,
} from './server-messages';
export type { Ack, ClientToServerEvents, ServerToClientEvents } from './event-maps';
export { DEFAULT_LIMITS } from './limits';
export { TENSOR_DTYPE_CODES } from './tensor-dtype';
export type { TensorDType, TensorData } from './tensor-dtype';
export { toUint8Array } from './binary-payload';
export type { BinaryPayload } from './binary-payload';
export { encodeTensors, decodeTensors, TENSOR_CODEC_MAGIC, MAX_TENSOR_RANK } from './tensor-codec';
export type { EncodedTensor, TensorDecodeOptions } from './tensor-codec';
export { encodeFloat32Vector, decodeFloat32Vector } from './float32-vector-codec';
export type { PruningMask } from './pruning-mask';
export { pruningMaskFromFlags, gatherKept, scatterKept, applyPruningMask } from './pruning-mask';
export { encodePruningMask, decodePruningMask } from './pruning-mask-codec';
export { modelParameterCount } from './model-parameter-count';
export { negotiateProtocolVersion } from './negotiate-protocol-version';
export { ID_PATTERN } from './field-readers';
export { MAX_QUANTIZATION_BITS } from './read-update-encoding';
export { parseHelloMessage, MAX_OFFERED_PROTOCOL_VERSIONS, MAX_TOKEN_LENGTH } from './parse-hello-message';
export { ed25519KeyWeakness, type Ed25519KeyWeakness } from './ed25519-key-weakness';
export { parseUpdateMessage } from './parse-update-message';
export { parseWelcomeMessage, MODEL_TOKEN_PATTERN } from './parse-welcome-message';
export { parseTaskMessage, MAX_MODEL_DIMENSION, MAX_MODEL_BLOCKS } from './parse-task-message';
export { parseAcceptedMessage } from './parse-accepted-message';
export { parseRoundEndMessage, MAX_REASON_LENGTH } from './parse-round-end-message';
export { parseGoalMetMessage } from './parse-goal-met-message';
export { parseRunEndMessage } from './parse-run-end-message';
export { MODEL_ROUTES, MODEL_URL_PATTERN, MODEL_VERSION_HEADER, modelJsonPath } from './model-routes';
export { parseErrorReply, MAX_ERROR_MESSAGE_LENGTH } from './parse-error-reply';
export { parseAckReply, AckRefusedError } from './parse-ack-reply';
export { toErrorReply } from './to-error-reply';
export { assertUpdateFitsLimits } from './assert-update-fits-limits';
export type { TransportKind } from './assert-update-fits-limits';
export type { SecureRoundSetup, SecureNeighbour } from './secure-round-setup';
export type { SecureDpSetup } from './secure-dp-setup';
export type {
  SecAggAdvertisement,
  SecAggAdvertiseMessage,
  SecAggEncryptedShare,
  SecAggSharesMessage,
  SecAggMaskedInputMessage,
  SecAggOwnedShare,
  SecAggRevealMessage,
  SecAggSignatureMessage,
  SecAggAbortMessage,
  SecAggComplaintMessage,
  SecAggComplaintKind,
  SecAggClientMessage,
  ParsedSecAggShares,
  ParsedSecAggReveal,
} from './secagg-client-messages';
export type {
  SecAggAdvertsMessage,
  SecAggShareDeliveryMessage,
  SecAggUnmaskMessage,
  SecAggConsistencyMessage,
  SecAggConsistencyDelivery,
  SecAggSurvivorSignature,
  SecAggServerMessage,
  ParsedSecAggAdverts,
  ParsedSecAggShareDelivery,
  ParsedSecAggUnmask,
  ParsedSecAggConsistencyDelivery,
} from './secagg-server-messages';
export { MAX_SECAGG_COHORT, SHARE_CIPHERTEXT_BYTES } from './secagg-field-readers';
export {
  ADVERTISEMENT_RECORD_BYTES,
  OWNED_SHARE_RECORD_BYTES,
  SHARE_RECORD_BYTES,
  SIGNATURE_RECORD_BYTES,
  encodeAdvertisementRecords,
  decodeAdvertisementRecords,
  encodeShareRecords,
  decodeShareRecords,
  encodeOwnedShareRecords,
  decodeOwnedShareRecords,
  encodeSignatureRecords,
  decodeSignatureRecords,
} from './secagg-record-codec';
export { parseSecAggAdvertiseMessage } from './parse-secagg-advertise-message';
export { parseSecAggSharesMessage } from './parse-secagg-shares-message';
export { parseSecAggMaskedInputMessage } from './parse-secagg-masked-input-message';
export { parseSecAggRevealMessage } from './parse-secagg-reveal-message';
export { parseSecAggAbortMessage } from './parse-secagg-abort-message';
export { parseSecAggComplaintMessage } from './parse-secagg-complaint-message';
export { parseSecAggAdvertsMessage } from './parse-secagg-adverts-message';
export { parseSecAggShareDeliveryMessage } from './parse-secagg-share-delivery-message';
export { parseSecAggUnmaskMessage } from './parse-secagg-unmask-message';
export { parseSecAggConsistencyMessage } from './parse-secagg-consistency-message';
export { parseSecAggSignatureMessage } from './parse-secagg-signature-message';
export type { AuthenticateMessage } from './client-messages';
export type { ChallengeMessage } from './server-messages';
export {
  AUTH_NONCE_BYTES,
  AUTH_SIGNATURE_BYTES,
  AUTH_SIGNATURE_DOMAIN,
  authSignatureMessage,
} from './auth-signature-message';
export { encodeBase64, decodeBase64 } from './base64';
export { parseAuthenticateMessage } from './parse-authenticate-message';
export { parseChallengeMessage } from './parse-challenge-message';
export type { DownlinkDelta } from './downlink-delta';
export { modelHash } from './model-hash';
