import fc from 'fast-check';
import { encodeQuantizedUpdate } from './encode-quantized-update';
import { QuantizationFormatError } from './quantization-format-error';
import { readQuantizedUpdateHeader } from './read-quantized-update-header';
import { stochasticQuantize } from './stochastic-quantize';

/** A 16-byte header declaring `length` values of `bits` bits in one segment, followed by `bodyBytes` bytes. */
function forged(bits: number, length: number, bodyBytes: number): Uint8Array {
  const bytes = new Uint8Array(16 + bodyBytes);
  const view = new DataView(bytes.buffer);
  bytes.set([0x45, 0x46, 0x4c, 0x51, 1, bits, 0, 0]);
  view.setUint32(8, length, true);
  view.setUint32(12, 1, true);
  return bytes;
}

describe('readQuantizedUpdateHeader', () => {
  it('reads the hand-built 3-bit test vector', () => {
    const bytes = Uint8Array.from(
      Buffer.from('45464c51010300000500000001000000050000000000' + '80bf0000803e1079', 'hex'),
    );
    expect(readQuantizedUpdateHeader(bytes)).toEqual({
      bits: 3,
      length: 5,
      segmentCount: 1,
      levelsStart: 28,
      byteLength: 30,
    });
  });

  it('agrees with the encoder on every valid update', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 64 }),
        (values, bits, chunkSize) => {
          const q = stochasticQuantize(Float32Array.from(values), { bits, clip: { kind: 'per-chunk', chunkSize } }, 3);
          const bytes = encodeQuantizedUpdate(q);
          const header = readQuantizedUpdateHeader(bytes);
          expect(header).toMatchObject({
            bits,
            length: values.length,
            segmentCount: q.segmentLengths.length,
            byteLength: bytes.length,
          });
        },
      ),
    );
  });

  it('reads a 16 MiB body declaring 1 bit per value as 134M values without decoding it', () => {
    const body = 16 * 1024 * 1024 - 16 - 12;
    const header = readQuantizedUpdateHeader(forged(1, body * 8, 12 + body));
    expect(header.length).toBe(body * 8);
    expect(header.bits).toBe(1);
  });

  it('refuses byte counts other than the announced one', () => {
    expect(() => readQuantizedUpdateHeader(forged(8, 100, 12 + 99))).toThrow(QuantizationFormatError);
    expect(() => readQuantizedUpdateHeader(forged(8, 100, 12 + 101))).toThrow(/trailing bytes/);
    expect(() => readQuantizedUpdateHeader(forged(17, 100, 12 + 200))).toThrow(/bits must be 1..16/);
    expect(() => readQuantizedUpdateHeader(Uint8Array.of(1, 2, 3, 4, 5))).toThrow(/magic/);
  });
});
