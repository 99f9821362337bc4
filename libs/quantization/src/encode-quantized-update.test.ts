import { encodeQuantizedUpdate } from './encode-quantized-update';
import type { QuantizedUpdate } from './quantized-update';
import { stochasticQuantize } from './stochastic-quantize';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('encodeQuantizedUpdate', () => {
  it('matches the hand-built 3-bit test vector of docs/QUANTIZATION.md', () => {
    const q: QuantizedUpdate = {
      bits: 3,
      length: 5,
      levels: Uint16Array.of(0, 2, 4, 4, 7),
      offsets: Float32Array.of(-1),
      steps: Float32Array.of(0.25),
      segmentLengths: Uint32Array.of(5),
    };
    expect(hex(encodeQuantizedUpdate(q))).toBe(
      '45464c51' +
        '01' +
        '03' +
        '0000' +
        '05000000' +
        '01000000' + // magic, version, bits, flags, length, segments
        '05000000' +
        '000080bf' +
        '0000803e' + // segment length 5, offset -1, step 0.25
        '1079', // levels 0,2,4,4,7 at 3 bits, LSB first: 000 010 100 100 111 + one zero padding bit
    );
  });

  it('matches the frozen vector of stochasticQuantize([-1, -0.5, 0, 0.25, 1], 3 bits, seed 1)', () => {
    const q = stochasticQuantize(Float32Array.of(-1, -0.5, 0, 0.25, 1), { bits: 3, clip: { kind: 'per-tensor' } }, 1);
    // step is the float32 at or above 2/7 (0x3e924925); levels 0,2,4,4,7 with this seed
    expect(hex(encodeQuantizedUpdate(q))).toBe('45464c510103000005000000010000000500000000' + '0080bf2549923e1079');
  });

  it('lays out several segments: lengths, then offsets, then steps', () => {
    const q: QuantizedUpdate = {
      bits: 8,
      length: 3,
      levels: Uint16Array.of(1, 2, 255),
      offsets: Float32Array.of(0, 2),
      steps: Float32Array.of(1, 0.5),
      segmentLengths: Uint32Array.of(2, 1),
    };
    expect(hex(encodeQuantizedUpdate(q))).toBe(
      '45464c51010800000300000002000000' + '0200000001000000' + '0000000000000040' + '0000803f0000003f' + '0102ff',
    );
  });

  it('costs <= 1.02 bytes per value at 8 bits and <= 0.52 at 4 bits (per-chunk 1024, 100k values)', () => {
    const values = Float32Array.from({ length: 100_000 }, (_, i) => Math.sin(i) * 1e-3);
    const encodedBytes = (bits: number): number =>
      encodeQuantizedUpdate(stochasticQuantize(values, { bits, clip: { kind: 'per-chunk', chunkSize: 1024 } }, 1))
        .length;
    expect(encodedBytes(8) / values.length).toBeLessThanOrEqual(1.02);
    expect(encodedBytes(4) / values.length).toBeLessThanOrEqual(0.52);
    // exact: 16-byte header + 98 chunks * 12 bytes + packed levels
    expect(encodedBytes(8)).toBe(16 + 98 * 12 + 100_000);
    expect(encodedBytes(4)).toBe(16 + 98 * 12 + 50_000);
  });

  it('rejects an inconsistent update, naming the part', () => {
    const good: QuantizedUpdate = {
      bits: 3,
      length: 2,
      levels: Uint16Array.of(1, 2),
      offsets: Float32Array.of(0),
      steps: Float32Array.of(1),
      segmentLengths: Uint32Array.of(2),
    };
    expect(() => encodeQuantizedUpdate({ ...good, levels: Uint16Array.of(1, 8) })).toThrow(/levels\[1\]/);
    expect(() => encodeQuantizedUpdate({ ...good, length: 3 })).toThrow(/q\.levels has 2 entries, length is 3/);
    expect(() => encodeQuantizedUpdate({ ...good, segmentLengths: Uint32Array.of(1) })).toThrow(/sum to 1/);
    expect(() => encodeQuantizedUpdate({ ...good, steps: Float32Array.of(-1) })).toThrow(/q\.steps\[0\]/);
    expect(() => encodeQuantizedUpdate({ ...good, offsets: Float32Array.of(NaN) })).toThrow(/q\.offsets\[0\]/);
    expect(() => encodeQuantizedUpdate({ ...good, offsets: Float32Array.of(0, 1) })).toThrow(
      /1 segments but 2 offsets/,
    );
    expect(() => encodeQuantizedUpdate({ ...good, bits: 20 })).toThrow(/q\.bits/);
    expect(() => encodeQuantizedUpdate({ ...good, levels: [1, 2] as unknown as Uint16Array })).toThrow(
      /q\.levels must be a Uint16Array/,
    );
  });
});
