import { DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { kernelSegments } from './kernel-segments';

describe('kernelSegments', () => {
  it('lists the depthwise, pointwise and dense kernels of the reference model, not the biases', () => {
    expect(kernelSegments(DEFAULT_MODEL_SPEC)).toEqual([
      { offset: 0, length: 9 },
      { offset: 9, length: 16 },
      { offset: 41, length: 144 },
      { offset: 185, length: 512 },
      { offset: 729, length: 15680 },
    ]);
  });
});
