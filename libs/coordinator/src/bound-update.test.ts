import { boundUpdate } from './bound-update';
import { DEFAULT_UPDATE_DEFENCE } from './update-defence-config';

describe('boundUpdate', () => {
  it('clips a 1e30 delta to the norm bound and caps a claimed 2^53 - 1 samples', () => {
    const { delta, weight, clipped, norm } = boundUpdate(new Float32Array([1e30, 0, 0, 0]), 2 ** 53 - 1, {
      ...DEFAULT_UPDATE_DEFENCE,
      maxUpdateNorm: 2,
      sampleCap: 100,
    });
    expect(Array.from(delta)).toEqual([2, 0, 0, 0]);
    expect(weight).toBe(100);
    expect(clipped).toBe(true);
    expect(norm).toBeCloseTo(1e30, -25);
  });

  it('leaves short deltas and small counts alone, and bounds nothing but the weight when the norm bound is off', () => {
    const small = new Float32Array([0.1, 0.2]);
    expect(boundUpdate(small, 8, DEFAULT_UPDATE_DEFENCE)).toMatchObject({ delta: small, weight: 8, clipped: false });
    const big = new Float32Array([1e30]);
    expect(boundUpdate(big, 5_000, { ...DEFAULT_UPDATE_DEFENCE, maxUpdateNorm: null })).toEqual({
      delta: big,
      weight: 1_000,
      clipped: false,
    });
  });
});
