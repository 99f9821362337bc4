import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { decodeFloat32Vector, encodeFloat32Vector } from './float32-vector-codec';
import { encodeTensors } from './tensor-codec';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('float32 vector codec', () => {
  it('is the tensor codec with one rank-1 float32 tensor (frozen vector)', () => {
    const bytes = encodeFloat32Vector(new Float32Array([1.5, -2]));
    expect(hex(bytes)).toBe('454654310100000001010000020000000000c03f000000c0');
    expect(Array.from(decodeFloat32Vector(bytes, 2))).toEqual([1.5, -2]);
  });

  it('round-trips any finite vector, from a Buffer at an offset too', () => {
    fc.assert(
      fc.property(
        fc.float32Array({ noNaN: true, noDefaultInfinity: true, maxLength: 64 }),
        fc.integer({ min: 0, max: 7 }),
        (vector, offset) => {
          const encoded = encodeFloat32Vector(vector);
          const pooled = Buffer.alloc(offset + encoded.byteLength);
          pooled.set(encoded, offset);
          const decoded = decodeFloat32Vector(pooled.subarray(offset), vector.length);
          expect(hex(new Uint8Array(decoded.buffer))).toBe(
            hex(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)),
          );
        },
      ),
    );
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('refuses %s when decoding, naming the index', (_name, value) => {
    const bytes = encodeTensors([{ dtype: 'float32', shape: [3], data: new Float32Array([0, 1, value]) }]);
    expectProtocolError(
      () => decodeFloat32Vector(bytes),
      ErrorCode.InvalidUpdate,
      'float32 vector element 2 is not finite',
    );
  });

  it('refuses NaN when encoding, naming the index', () => {
    expect(() => encodeFloat32Vector(new Float32Array([0, Number.NaN]))).toThrow('vector[1] must be finite, got NaN');
    expect(() => encodeFloat32Vector([1, 2] as unknown as Float32Array)).toThrow('vector must be a Float32Array');
  });

  it.each([
    [
      'two tensors',
      encodeTensors([
        { dtype: 'float32', shape: [0], data: new Float32Array(0) },
        { dtype: 'float32', shape: [0], data: new Float32Array(0) },
      ]),
      /more than maxTensors 1/,
    ],
    ['no tensor', encodeTensors([]), /exactly one tensor, got 0/],
    [
      'another dtype',
      encodeTensors([{ dtype: 'int32', shape: [2], data: new Int32Array(2) }]),
      /dtype float32, got int32/,
    ],
    ['rank 2', encodeTensors([{ dtype: 'float32', shape: [1, 2], data: new Float32Array(2) }]), /rank 1, got rank 2/],
  ])('refuses %s', (_name, bytes, message) => {
    expectProtocolError(() => decodeFloat32Vector(bytes), ErrorCode.InvalidUpdate, message);
  });

  it('checks the expected length', () => {
    const bytes = encodeFloat32Vector(new Float32Array(3));
    expectProtocolError(() => decodeFloat32Vector(bytes, 4), ErrorCode.InvalidUpdate, /must have 4 elements, got 3/);
    expectProtocolError(() => decodeFloat32Vector(bytes, 2), ErrorCode.InvalidUpdate, /maxElements 2/);
    expect(() => decodeFloat32Vector(bytes, -1)).toThrow('expectedLength must be a non-negative integer');
  });

  it('decoding random bytes only ever throws ProtocolError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) =>
        returnsOrThrowsProtocolError(() => decodeFloat32Vector(bytes)),
      ),
    );
  });
});
