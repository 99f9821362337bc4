export {
  SecAggError,
  StageError,
  SignatureError,
  ThresholdError,
  UnmaskRequestError,
  ShareDecryptionError,
  MalformedMessageError,
  ReconstructionError,
  ConsistencyError,
  UnknownIndexError,
} from './secagg-errors';
export type {
  SecAggClientConfig,
  KeyAdvertisement,
  SharesUpload,
  SharesDelivery,
  UnmaskRequest,
  ConsistencyRequest,
  ConsistencySignature,
  ConsistencyDelivery,
  OwnedShare,
  RevealedShares,
} from './secagg-messages';
export { modulusBitsFor, modulusMask } from './modulus-bits-for';
export {
  shamirSplit,
  shamirCombine,
  SHAMIR_SECRET_BYTES,
  type ShamirShare,
  type RandomBytes,
} from './shamir-secret-sharing';
export { robustShamirCombine, type RobustCombineResult } from './robust-shamir-combine';
export { assertUsableRoundKeys } from './assert-usable-round-keys';
export { prgExpand, PRG_NONCE } from './prg';
export {
  derivePairwiseSeed,
  encodePairwiseSeedMaterial,
  PAIRWISE_SEED_DOMAIN,
  type PairwiseSeedInput,
} from './key-agreement';
export {
  generateRoundKeyPairs,
  signKeyAdvertisement,
  verifyKeyAdvertisement,
  encodeAdvertisementForSignature,
  ADVERTISEMENT_DOMAIN,
  type RoundKeyPairs,
  type AdvertisedKeys,
} from './key-advertisement';
export {
  encryptSharePayload,
  decryptSharePayload,
  deriveShareNonce,
  encodeSharePlaintext,
  SHARE_NONCE_DOMAIN,
  SHARE_CIPHERTEXT_BYTES,
  type SharePayload,
  type ShareEncryptionInput,
  type ShareDecryptionInput,
} from './share-encryption';
export {
  signSurvivorSet,
  verifySurvivorSetSignature,
  encodeSurvivorSetForSignature,
  CONSISTENCY_DOMAIN,
  type SurvivorSetStatement,
} from './survivor-set-signature';
export {
  maskVector,
  unmaskSum,
  type PairwiseSeed,
  type MaskVectorInput,
  type DanglingPairwiseSeed,
  type UnmaskSumInput,
} from './masking';
export {
  buildNeighbourGraph,
  defaultNeighbourCount,
  defaultThreshold,
  GRAPH_NONCE,
  type NeighbourGraph,
} from './neighbour-graph';
export { binomialTailAtLeast, binomialTailBelow } from './binomial-tail';
export {
  chooseGraphParameters,
  DEFAULT_EXPECTED_DROPOUT,
  DEFAULT_CORRUPTED_FRACTION,
  DEFAULT_ROUND_FAILURE_PROBABILITY,
  type GraphParameterTargets,
  type GraphParameters,
} from './choose-graph-parameters';
export { resolveGraphParameters, type GraphParameterSettings } from './resolve-graph-parameters';
export { hasEnoughPeers, minimumSurvivors } from './survivor-threshold';
export { packMaskedVector, unpackMaskedVector } from './masked-vector-codec';
export { SecAggClientSession, type SecAggClientOptions } from './secagg-client-session';
export { clientSessionOptionsOf } from './client-session-options-of';
export { SecAggServerRound, type SecAggServerOptions, type SecAggRoundResult } from './secagg-server-round';
export {
  runInMemorySecAggRound,
  type InMemoryDropouts,
  type InMemoryRoundOptions,
  type InMemoryRoundReport,
} from './in-memory-secagg-round';
export type { InMemoryRoundObserver, InMemoryRoundStep, InMemoryUpload } from './in-memory-round-observer';
export { predictRoundOutcome, type PredictedRoundOutcome } from './predict-round-outcome';
