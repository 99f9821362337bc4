import { toUint8Array } from './binary-payload';

describe('toUint8Array', () => {
  it('gives a plain view of a Buffer at its offset, without copying', () => {
    const pool = Buffer.from([9, 1, 2, 3, 9]);
    const view = toUint8Array(pool.subarray(1, 4)) ?? new Uint8Array(0);
    expect(view.constructor).toBe(Uint8Array);
    expect(Array.from(view)).toEqual([1, 2, 3]);
    view[0] = 7;
    expect(pool[1]).toBe(7);
  });

  it('wraps an ArrayBuffer and a Uint8Array', () => {
    expect(toUint8Array(new ArrayBuffer(3))?.byteLength).toBe(3);
    expect(Array.from(toUint8Array(new Uint8Array([5])) ?? [])).toEqual([5]);
  });

  it('refuses everything else, including look-alikes', () => {
    const fakes: unknown[] = [
      'abc',
      [1, 2],
      null,
      undefined,
      3,
      new Uint16Array(2),
      new DataView(new ArrayBuffer(2)),
      { byteLength: 2 },
    ];
    fakes.push(
      { [Symbol.toStringTag]: 'ArrayBuffer', byteLength: 4 },
      { [Symbol.toStringTag]: 'Uint8Array', length: 1, 0: 1 },
    );
    for (const fake of fakes) expect(toUint8Array(fake)).toBeUndefined();
  });
});
