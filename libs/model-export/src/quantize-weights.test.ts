import { SeededRandom } from '@edgefl/random';
import { quantizeInt8PerChannel } from './quantize-int8-per-channel';
import { quantizeUint8Affine } from './quantize-uint8-affine';

function randomValues(count: number, seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: count }, () => random.nextFloat() * 2 - 0.7);
}

describe('quantizeUint8Affine', () => {
  it('reconstructs within half a step and keeps zeros exactly zero (tfjs dequantization q * scale + min)', () => {
    const values = randomValues(500, 1);
    values[7] = 0;
    const { data, min, scale } = quantizeUint8Affine(values);
    for (let i = 0; i < values.length; i++) {
      expect(Math.abs(data[i] * scale + min - values[i])).toBeLessThanOrEqual(scale * 0.5 + 1e-6);
    }
    expect(data[7] * scale + min).toBe(0);
  });

  it('handles a constant tensor and refuses non-finite values', () => {
    expect(quantizeUint8Affine(new Float32Array(4))).toEqual({ data: new Uint8Array(4), min: 0, scale: 1 });
    expect(() => quantizeUint8Affine(new Float32Array([1, NaN]))).toThrow(/finite/);
  });
});

describe('quantizeInt8PerChannel', () => {
  it('uses one symmetric scale per index of the axis', () => {
    const q = quantizeInt8PerChannel(new Float32Array([1, -2, 0.5, 4, 0, 0]), [3, 2], 1);
    expect(Array.from(q.scales)).toEqual([Math.fround(1 / 127), Math.fround(4 / 127)]);
    expect(Array.from(q.data)).toEqual([127, -64, 64, 127, 0, 0]);
  });

  it('reconstructs within half a step per channel and keeps zeros', () => {
    const values = randomValues(4 * 3 * 5, 2);
    values[0] = 0;
    const q = quantizeInt8PerChannel(values, [4, 3, 5], 0);
    for (let i = 0; i < values.length; i++) {
      const scale = q.scales[Math.floor(i / 15)];
      expect(Math.abs(q.data[i] * scale - values[i])).toBeLessThanOrEqual(scale * 0.5 + 1e-6);
    }
    expect(q.data[0]).toBe(0);
  });

  it('names a bad axis', () => {
    expect(() => quantizeInt8PerChannel(new Float32Array(4), [2, 2], 2)).toThrow(/axis/);
  });
});
