import { ErrorCode, ProtocolError, decodeFloat32Vector, scatterKept } from '@edgefl/protocol';
import type { PruningMask, UpdateEncoding, UpdateMessage } from '@edgefl/protocol';
import { decodeQuantizedUpdate, dequantize, readQuantizedUpdateHeader } from '@edgefl/quantization';

/**
 * Turns an update's payload into the client's float delta, checking that it was encoded as the
 * task asked, has one value per parameter (per kept coordinate of the round's `mask`, scattered
 * back with exact zeros at the pruned ones) and holds no NaN or infinity.
 */
export function decodeUpdatePayload(
  message: UpdateMessage,
  expected: UpdateEncoding,
  parameterCount: number,
  mask?: PruningMask,
): Float32Array {
  const valueCount = mask ? mask.keptIndices.length : parameterCount;
  const expectation = mask
    ? `the round's mask keeps ${valueCount} of the model's ${parameterCount} parameters`
    : `the model has ${parameterCount}`;
  if (!sameEncoding(message.encoding, expected)) {
    throw new ProtocolError(
      ErrorCode.InvalidUpdate,
      `update.encoding must be ${JSON.stringify(expected)}, got ${JSON.stringify(message.encoding)}`,
    );
  }
  let delta: Float32Array;
  if (expected.kind === 'float32') {
    delta = decodeFloat32Vector(message.payload, valueCount);
  } else {
    const invalid = (error: unknown): ProtocolError =>
      new ProtocolError(
        ErrorCode.InvalidUpdate,
        `update.payload is not a valid quantized update: ${(error as Error).message}`,
      );
    // The declared sizes are checked before anything is allocated for them: a 16 MiB payload
    // declaring 1 bit per value would otherwise cost 134M levels before it is refused.
    let header;
    try {
      header = readQuantizedUpdateHeader(message.payload);
    } catch (error) {
      throw invalid(error);
    }
    if (header.bits !== expected.bits) {
      throw new ProtocolError(
        ErrorCode.InvalidUpdate,
        `update.payload declares ${header.bits} bits per value, the task asked for ${expected.bits}`,
      );
    }
    if (header.length !== valueCount) {
      throw new ProtocolError(
        ErrorCode.InvalidUpdate,
        `update.payload declares ${header.length} values, ${expectation}`,
      );
    }
    let quantized;
    try {
      quantized = decodeQuantizedUpdate(message.payload);
    } catch (error) {
      throw invalid(error);
    }
    delta = dequantize(quantized);
  }
  for (let i = 0; i < delta.length; i++) {
    if (!Number.isFinite(delta[i]))
      throw new ProtocolError(ErrorCode.InvalidUpdate, `update.payload value ${i} is not finite`);
  }
  return mask ? scatterKept(delta, mask) : delta;
}

function sameEncoding(a: UpdateEncoding, b: UpdateEncoding): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'float32' || b.kind === 'float32') return true;
  return a.bits === b.bits && a.chunkSize === b.chunkSize;
}
