import fc from 'fast-check';
import { encodeIdx } from './encode-idx';
import type { IdxArray } from './idx-array';
import { parseIdx } from './parse-idx';

const dims = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 });
const count = (sizes: number[]): number => sizes.reduce((a, b) => a * b, 1);

/** One arbitrary per IDX type: dims plus fitting elements. */
const idxArrays: fc.Arbitrary<IdxArray>[] = [
  [fc.integer({ min: 0, max: 255 }), (v: number[]) => Uint8Array.from(v)],
  [fc.integer({ min: -128, max: 127 }), (v: number[]) => Int8Array.from(v)],
  [fc.integer({ min: -32768, max: 32767 }), (v: number[]) => Int16Array.from(v)],
  [fc.integer(), (v: number[]) => Int32Array.from(v)],
  [fc.double({ noNaN: true }).map(Math.fround), (v: number[]) => Float32Array.from(v)],
  [fc.double({ noNaN: true }), (v: number[]) => Float64Array.from(v)],
].map(([element, build]) =>
  dims.chain((sizes) =>
    fc
      .array(element as fc.Arbitrary<number>, { minLength: count(sizes), maxLength: count(sizes) })
      .map((values) => ({ dims: sizes, data: (build as (v: number[]) => IdxArray['data'])(values) })),
  ),
);

describe('encodeIdx', () => {
  it('encodes a fixed vector', () => {
    expect(Array.from(encodeIdx({ dims: [2], data: new Uint8Array([7, 9]) }))).toEqual([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]);
    expect(Array.from(encodeIdx({ dims: [1, 1], data: new Int16Array([-2]) }))).toEqual([
      0, 0, 0x0b, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xfe,
    ]);
  });

  it.each(['u8', 'i8', 'i16', 'i32', 'f32', 'f64'].map((name, i) => [name, i] as const))(
    'round-trips through parseIdx for random dims (%s)',
    (_name, typeIndex) => {
      fc.assert(
        fc.property(idxArrays[typeIndex], (array) => {
          const decoded = parseIdx(encodeIdx(array));
          expect(decoded.dims).toEqual(array.dims);
          expect(decoded.data.constructor).toBe(array.data.constructor);
          expect(Array.from(decoded.data).every((x, i) => Object.is(x, array.data[i]))).toBe(true);
          expect(decoded.data.length).toBe(array.data.length);
        }),
        { numRuns: 60 },
      );
    },
  );

  it('names what is wrong with bad input', () => {
    expect(() => encodeIdx({ dims: [3], data: new Uint8Array(2) })).toThrow(/array\.data has 2 elements/);
    expect(() => encodeIdx({ dims: [-1], data: new Uint8Array(0) })).toThrow(/array\.dims\[0\]/);
    expect(() => encodeIdx({ dims: [2], data: new Uint16Array(2) } as unknown as IdxArray)).toThrow(
      /array\.data must be/,
    );
    expect(() => encodeIdx({ dims: new Array(256).fill(1), data: new Uint8Array(1) })).toThrow(/at most 255/);
  });
});
