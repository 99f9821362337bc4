import {
  type FieldSource,
  invalid,
  readBinary,
  readFiniteNumber,
  readInteger,
  readPatternString,
} from './field-readers';

/**
 * A compressed global model (docs/PROTOCOL.md, "Downlink deltas"): instead of `task.weights`, the
 * quantized difference between the task's model and a full model the client already holds
 * (its *base*: the last `task.weights` it received). The client rebuilds
 * `fround(base[i] + dequantized[i])` for every parameter and checks the result's hash.
 */
export interface DownlinkDelta {
  /** `modelVersion` of the base: the last full model (`task.weights`) this client received. */
  baseVersion: number;
  /** {@link modelHash} of the base, so the client can tell it holds the right one. */
  baseHash: string;
  /** The quantized update encoding (section 10) of `model - base`, one value per parameter. */
  delta: Uint8Array;
  /** {@link modelHash} of the model the client must rebuild; the coordinator computed the same. */
  modelHash: string;
  /** Bound on |rebuilt[i] - global[i]| for every i: how far the client's start may be from the coordinator's exact model. */
  maxError: number;
}

const HASH_PATTERN = /^[0-9a-f]{32}$/;

/** Reads `task.downlink`, naming the first bad field. */
export function readDownlinkDelta(source: FieldSource): DownlinkDelta {
  const maxError = readFiniteNumber(source, 'maxError');
  if (maxError < 0) throw invalid(`${source.path}.maxError`, 'must be a finite number >= 0');
  return {
    baseVersion: readInteger(source, 'baseVersion'),
    baseHash: readPatternString(source, 'baseHash', HASH_PATTERN, '32 lowercase hex digits'),
    delta: readBinary(source, 'delta'),
    modelHash: readPatternString(source, 'modelHash', HASH_PATTERN, '32 lowercase hex digits'),
    maxError,
  };
}
