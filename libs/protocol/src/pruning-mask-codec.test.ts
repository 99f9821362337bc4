import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { DEFAULT_MODEL_SPEC } from './model-spec';
import { modelParameterCount } from './model-parameter-count';
import { pruningMaskFromFlags } from './pruning-mask';
import { decodePruningMask, encodePruningMask } from './pruning-mask-codec';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('pruning mask codec (docs/PROTOCOL.md, "Pruning mask")', () => {
  // Frozen vectors, also in docs/PROTOCOL.md.
  it.each([
    [10, [0, 2, 3, 9], '0d02'],
    [8, [7], '80'],
    [3, [0, 1, 2], '07'],
    [17, [0, 8, 16], '010101'],
  ])('P = %i, kept %j -> %s', (parameterCount, kept, encoded) => {
    const mask = { parameterCount, keptIndices: Uint32Array.from(kept) };
    expect(hex(encodePruningMask(mask))).toBe(encoded);
    expect(decodePruningMask(Buffer.from(encoded, 'hex'), parameterCount)).toEqual(mask);
  });

  it('round-trips the reference model with every fourth coordinate kept: ceil(16419 / 8) = 2053 bytes', () => {
    const parameterCount = modelParameterCount(DEFAULT_MODEL_SPEC);
    expect(parameterCount).toBe(16_419);
    const mask = pruningMaskFromFlags(Array.from({ length: parameterCount }, (_, i) => i % 4 === 0));
    const bytes = encodePruningMask(mask);
    expect(bytes.byteLength).toBe(2053);
    expect(decodePruningMask(bytes.slice().buffer, parameterCount)).toEqual(mask);
  });

  it('refuses a wrong length, set padding bits and an empty mask with invalid-message naming the field', () => {
    expectProtocolError(
      () => decodePruningMask(new Uint8Array(3), 10),
      ErrorCode.InvalidMessage,
      'task.mask must be 2 bytes (one bit per parameter, the model has 10), got 3',
    );
    expectProtocolError(
      () => decodePruningMask(Uint8Array.of(0xff, 0x04), 10),
      ErrorCode.InvalidMessage,
      'task.mask must have its padding bits at 0',
    );
    expectProtocolError(
      () => decodePruningMask(new Uint8Array(2), 10),
      ErrorCode.InvalidMessage,
      'task.mask must keep at least one parameter',
    );
    expectProtocolError(
      () => decodePruningMask('00' as never, 10),
      ErrorCode.InvalidMessage,
      'task.mask must be binary',
    );
  });
});
