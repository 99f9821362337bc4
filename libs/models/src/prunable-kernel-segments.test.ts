import { DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { kernelSegments } from './kernel-segments';
import { prunableKernelSegments } from './prunable-kernel-segments';

describe('prunableKernelSegments', () => {
  it('lists the second pointwise and the dense kernel of the reference model, not the depthwise or the first pointwise', () => {
    expect(prunableKernelSegments(DEFAULT_MODEL_SPEC)).toEqual([
      { offset: 185, length: 512 },
      { offset: 729, length: 15680 },
    ]);
  });

  it('keeps every later pointwise kernel of a deeper model, each one a kernel of kernelSegments', () => {
    const spec = { ...DEFAULT_MODEL_SPEC, widths: [4, 8, 8] };
    const all = kernelSegments(spec);
    // Kernels: dw1 pw1 dw2 pw2 dw3 pw3 dense; pruned: pw2, pw3, dense.
    expect(prunableKernelSegments(spec)).toEqual([all[3], all[5], all[6]]);
  });

  it('prunes only the dense kernel of a one-block model', () => {
    const spec = { ...DEFAULT_MODEL_SPEC, widths: [8] };
    expect(prunableKernelSegments(spec)).toEqual([kernelSegments(spec)[2]]);
  });
});
