import { ErrorCode, encodeFloat32Vector, gatherKept, pruningMaskFromFlags } from '@edgefl/protocol';
import type { UpdateEncoding, UpdateMessage } from '@edgefl/protocol';
import { encodeQuantizedUpdate, stochasticQuantize } from '@edgefl/quantization';
import { decodeUpdatePayload } from './decode-update-payload';

const P = 12;
// Every third coordinate kept: 0, 3, 6, 9.
const mask = pruningMaskFromFlags(Array.from({ length: P }, (_, i) => i % 3 === 0));
const delta = Float32Array.from({ length: P }, (_, i) => (i % 2 ? -1 : 1) * (0.125 + i / 64));

function update(encoding: UpdateEncoding, payload: Uint8Array): UpdateMessage {
  return { type: 'update', roundId: 'r/1/1', modelVersion: 0, numSamples: 5, encoding, payload };
}

describe('decodeUpdatePayload with a pruning mask', () => {
  it('float32: K values scattered back exactly, exact zeros at the pruned coordinates', () => {
    const encoding = { kind: 'float32' } as const;
    const payload = encodeFloat32Vector(gatherKept(delta, mask));
    expect(payload.byteLength).toBe(16 + 4 * 4);
    const decoded = decodeUpdatePayload(update(encoding, payload), encoding, P, mask);
    expect(Array.from(decoded)).toEqual(Array.from(delta, (value, i) => (i % 3 === 0 ? value : 0)));
  });

  it('quantized: the EFLQ stream over the K values decodes to the same values as the dense codec would', () => {
    const encoding = { kind: 'quantized', bits: 8, chunkSize: 2, errorFeedback: false } as const;
    const config = { bits: 8, clip: { kind: 'per-chunk' as const, chunkSize: 2 }, errorFeedback: false };
    const quantized = stochasticQuantize(gatherKept(delta, mask), config, 7);
    const payload = encodeQuantizedUpdate(quantized);
    expect(payload.byteLength).toBe(16 + 12 * 2 + 4);
    const decoded = decodeUpdatePayload(update(encoding, payload), encoding, P, mask);
    const dense = decodeUpdatePayload(
      update(encoding, payload),
      encoding,
      4, // the same stream read as a 4-parameter model: the values the scatter must place
    );
    expect(Array.from(mask.keptIndices, (i) => decoded[i])).toEqual(Array.from(dense));
    expect(decoded.filter((_, i) => i % 3 !== 0).every((value) => value === 0)).toBe(true);
  });

  it('refuses a dense payload in a masked round, naming both counts', () => {
    const float32 = { kind: 'float32' } as const;
    expect(() => decodeUpdatePayload(update(float32, encodeFloat32Vector(delta)), float32, P, mask)).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidUpdate }),
    );
    const quantizedEncoding = { kind: 'quantized', bits: 8, chunkSize: 2, errorFeedback: false } as const;
    const config = { bits: 8, clip: { kind: 'per-chunk' as const, chunkSize: 2 }, errorFeedback: false };
    const dense = encodeQuantizedUpdate(stochasticQuantize(delta, config, 7));
    expect(() => decodeUpdatePayload(update(quantizedEncoding, dense), quantizedEncoding, P, mask)).toThrow(
      "update.payload declares 12 values, the round's mask keeps 4 of the model's 12 parameters",
    );
  });
});
