import nacl from 'tweetnacl';
import { RandomSource } from './random-source';

/**
 * A reproducible {@link RandomSource}: block i is SHA-512(seed || i as 8 little-endian bytes)
 * (tweetnacl's `nacl.hash`), concatenated. For tests and for randomness every party of a round
 * must share (the Hadamard rotation's signs); never for noise a client keeps private.
 *
 * @example
 * const source = seededRandomSource(new Uint8Array(32)); // same seed, same stream
 */
export function seededRandomSource(seed: Uint8Array): RandomSource {
  if (!(seed instanceof Uint8Array) || seed.length < 16)
    throw new TypeError('seed must be a Uint8Array of at least 16 bytes');
  let block = 0;
  const input = new Uint8Array(seed.length + 8);
  input.set(seed, 0);
  return new RandomSource((n) => {
    const out = new Uint8Array(Math.ceil(n / 64) * 64);
    for (let o = 0; o < out.length; o += 64) {
      let counter = block++;
      for (let i = 0; i < 8; i++) {
        input[seed.length + i] = counter & 0xff;
        counter = Math.floor(counter / 256);
      }
      out.set(nacl.hash(input), o);
    }
    return out;
  });
}
