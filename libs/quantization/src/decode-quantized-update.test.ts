import fc from 'fast-check';
import { decodeQuantizedUpdate } from './decode-quantized-update';
import { encodeQuantizedUpdate } from './encode-quantized-update';
import { QuantizationFormatError, type QuantizationFormatErrorReason } from './quantization-format-error';
import { stochasticQuantize } from './stochastic-quantize';

const sample = (): Uint8Array =>
  encodeQuantizedUpdate(
    stochasticQuantize(
      Float32Array.from({ length: 10 }, (_, i) => i / 3 - 1),
      { bits: 3, clip: { kind: 'per-chunk', chunkSize: 4 } },
      7,
    ),
  );

function expectRejected(bytes: Uint8Array, reason: QuantizationFormatErrorReason): void {
  let caught: unknown;
  try {
    decodeQuantizedUpdate(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(QuantizationFormatError);
  expect((caught as QuantizationFormatError).name).toBe('QuantizationFormatError');
  expect((caught as QuantizationFormatError).reason).toBe(reason);
}

function patched(patch: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const bytes = sample();
  patch(new DataView(bytes.buffer), bytes);
  return bytes;
}

describe('decodeQuantizedUpdate', () => {
  it('decodes the hand-built 3-bit test vector', () => {
    const bytes = Uint8Array.from(
      Buffer.from('45464c51010300000500000001000000050000000000' + '80bf0000803e1079', 'hex'),
    );
    const q = decodeQuantizedUpdate(bytes);
    expect(q.bits).toBe(3);
    expect(Array.from(q.levels)).toEqual([0, 2, 4, 4, 7]);
    expect(Array.from(q.offsets)).toEqual([-1]);
    expect(Array.from(q.steps)).toEqual([0.25]);
    expect(Array.from(q.segmentLengths)).toEqual([5]);
  });

  it('decodes from a view into a larger buffer', () => {
    const bytes = sample();
    const larger = new Uint8Array(bytes.length + 8);
    larger.set(bytes, 3);
    expect(decodeQuantizedUpdate(larger.subarray(3, 3 + bytes.length))).toEqual(decodeQuantizedUpdate(bytes));
  });

  it('rejects every truncation as truncated', () => {
    const bytes = sample();
    for (let n = 0; n < bytes.length; n++) {
      if (n >= 4 || n === 0) expectRejected(bytes.subarray(0, n), 'truncated');
    }
  });

  it('rejects a wrong magic, version, bits or flags', () => {
    expectRejected(
      patched((_, b) => (b[0] = 0x46)),
      'bad-magic',
    );
    expectRejected(Uint8Array.of(1, 2), 'truncated');
    expectRejected(
      patched((v) => v.setUint8(4, 2)),
      'unsupported-version',
    );
    expectRejected(
      patched((v) => v.setUint8(5, 0)),
      'bad-header',
    );
    expectRejected(
      patched((v) => v.setUint8(5, 17)),
      'bad-header',
    );
    expectRejected(
      patched((v) => v.setUint16(6, 1, true)),
      'bad-header',
    );
  });

  it('rejects inconsistent contents', () => {
    expectRejected(Uint8Array.from([...sample(), 0]), 'inconsistent'); // trailing byte
    expectRejected(
      patched((v) => v.setUint32(12, 11, true)),
      'inconsistent',
    ); // more segments than values
    expectRejected(
      patched((v) => v.setUint32(12, 0, true)),
      'inconsistent',
    ); // no segment for 10 values
    expectRejected(
      patched((v) => v.setUint32(16, 5, true)),
      'inconsistent',
    ); // lengths sum to 11
    expectRejected(
      patched((v) => (v.setUint32(16, 0, true), v.setUint32(20, 8, true))),
      'inconsistent',
    ); // empty segment
    expectRejected(
      patched((v) => v.setFloat32(16 + 12, NaN, true)),
      'inconsistent',
    ); // offset
    expectRejected(
      patched((v) => v.setFloat32(16 + 24, -0.5, true)),
      'inconsistent',
    ); // step
    expectRejected(
      patched((v) => v.setFloat32(16 + 24, Infinity, true)),
      'inconsistent',
    );
    expectRejected(
      patched((_, b) => (b[b.length - 1] |= 0x80)),
      'inconsistent',
    ); // padding bit (30 bits used)
    expectRejected(
      patched((v) => v.setUint32(8, 0xffffffff, true)),
      'truncated',
    ); // length claims 4G values
  });

  it('never throws anything but QuantizationFormatError on garbled bytes (property)', () => {
    const base = sample();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, mask) => {
        const bytes = base.slice();
        bytes[index] ^= mask;
        try {
          const q = decodeQuantizedUpdate(bytes);
          expect(q.levels.length).toBe(q.length);
        } catch (error) {
          expect(error).toBeInstanceOf(QuantizationFormatError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('names a bad argument', () => {
    expect(() => decodeQuantizedUpdate([1, 2, 3] as unknown as Uint8Array)).toThrow(/bytes must be a Uint8Array/);
  });
});
