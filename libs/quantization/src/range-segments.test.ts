import { rangeSegments } from './range-segments';

describe('rangeSegments', () => {
  it('cuts tensors into chunks that never straddle them', () => {
    expect(Array.from(rangeSegments(5, { kind: 'per-chunk', chunkSize: 2 }, [3, 2]))).toEqual([2, 1, 2]);
    expect(Array.from(rangeSegments(2500, { kind: 'per-chunk', chunkSize: 1024 }))).toEqual([1024, 1024, 452]);
    expect(Array.from(rangeSegments(5, { kind: 'per-tensor' }, [3, 2]))).toEqual([3, 2]);
    expect(Array.from(rangeSegments(5, { kind: 'per-tensor' }))).toEqual([5]);
    expect(Array.from(rangeSegments(5, { kind: 'fixed', range: 1 }, [3, 2]))).toEqual([5]);
    expect(rangeSegments(0, { kind: 'per-tensor' }).length).toBe(0);
  });

  it('names bad segment lengths', () => {
    expect(() => rangeSegments(5, { kind: 'per-tensor' }, [3, 3])).toThrow(
      /segmentLengths must sum to values\.length 5, got 6/,
    );
    expect(() => rangeSegments(5, { kind: 'per-tensor' }, [5, 0])).toThrow(/segmentLengths\[1\]/);
    expect(() => rangeSegments(5, { kind: 'per-tensor' }, [2.5, 2.5])).toThrow(/segmentLengths\[0\]/);
    expect(() => rangeSegments(5, { kind: 'per-tensor' }, 5 as unknown as number[])).toThrow(/segmentLengths must be/);
  });
});
