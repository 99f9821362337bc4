import { parseIdx } from './parse-idx';

describe('parseIdx', () => {
  it('decodes unsigned bytes (fixed vector, MNIST label layout)', () => {
    const bytes = new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 0, 255]);
    const array = parseIdx(bytes);
    expect(array.dims).toEqual([3]);
    expect(array.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(array.data)).toEqual([7, 0, 255]);
    bytes[8] = 1;
    expect(array.data[0]).toBe(7); // owns its data
  });

  it('decodes big-endian multi-byte types (fixed vectors)', () => {
    const shorts = parseIdx(new Uint8Array([0, 0, 0x0b, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]));
    expect(shorts.dims).toEqual([1, 2]);
    expect(shorts.data).toBeInstanceOf(Int16Array);
    expect(Array.from(shorts.data)).toEqual([258, -2]);
    const floats = parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]));
    expect(Array.from(floats.data)).toEqual([1.5]);
    const ints = parseIdx(new Uint8Array([0, 0, 0x0c, 1, 0, 0, 0, 1, 0x80, 0, 0, 0]));
    expect(Array.from(ints.data)).toEqual([-(2 ** 31)]);
    const signed = parseIdx(new Uint8Array([0, 0, 0x09, 1, 0, 0, 0, 2, 0x80, 0x7f]));
    expect(Array.from(signed.data)).toEqual([-128, 127]);
    const doubles = parseIdx(new Uint8Array([0, 0, 0x0e, 1, 0, 0, 0, 1, 0xc0, 0x04, 0, 0, 0, 0, 0, 0]));
    expect(Array.from(doubles.data)).toEqual([-2.5]);
  });

  it('reads from a view at a non-zero offset', () => {
    const backing = new Uint8Array([9, 9, 9, 0, 0, 0x0b, 1, 0, 0, 0, 1, 0x12, 0x34]);
    expect(Array.from(parseIdx(backing.subarray(3)).data)).toEqual([0x1234]);
  });

  it('names what is wrong with malformed input', () => {
    expect(() => parseIdx(new Uint8Array([0, 0, 8]))).toThrow(/too short/);
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0]))).toThrow(/gzip/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 0]))).toThrow(/type code 0x0a/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x08, 2, 0, 0, 0, 1]))).toThrow(/2 IDX dimensions/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 3, 1, 2]))).toThrow(/need 11/);
    expect(() => parseIdx([0, 0, 8, 0] as unknown as Uint8Array)).toThrow(/bytes must be a Uint8Array/);
  });
});
