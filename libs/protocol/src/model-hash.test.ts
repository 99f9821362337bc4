import { modelHash } from './model-hash';

describe('modelHash', () => {
  it('is the first 16 bytes of SHA-512 over little-endian float32, as hex (fixed vector)', () => {
    // bytes 00 00 80 3f 00 00 20 c0; SHA-512 computed independently with tweetnacl's nacl.hash.
    expect(modelHash(new Float32Array([1, -2.5]))).toBe('f5b55c4031ec524ec3b1e0921c83cc19');
  });

  it('tells apart models that differ in one bit', () => {
    const a = new Float32Array([0.1, 0.2, 0.3]);
    const b = a.slice();
    new Uint32Array(b.buffer)[1] ^= 1;
    expect(modelHash(a)).not.toBe(modelHash(b));
    expect(modelHash(a)).toBe(modelHash(a.slice()));
  });
});
