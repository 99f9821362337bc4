import nacl from 'tweetnacl';
import { prgExpand } from '@edgefl/secagg';

/**
 * A reproducible stand-in for `nacl.randomBytes`, for tests only: call n returns the first
 * `length` bytes of the SecAgg mask PRG (XSalsa20, `prgExpand`) keyed by
 * SHA-512(label || n as u32 LE)[0..32). Two sources with the same label give the same bytes;
 * different labels give unrelated ones. Predictable by design: never a client's real randomness.
 *
 * @example
 * new FederatedClient({ url, data, clientId: 's0', secureRandomBytes: seededRandomBytes('s0') });
 */
export function seededRandomBytes(label: string): (length: number) => Uint8Array {
  const prefix = new TextEncoder().encode(label);
  let calls = 0;
  return (length: number): Uint8Array => {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`length must be an integer >= 0, got ${length}`);
    const input = new Uint8Array(prefix.length + 4);
    input.set(prefix);
    new DataView(input.buffer).setUint32(prefix.length, calls++, true);
    const key = nacl.hash(input).subarray(0, 32);
    const words = prgExpand(key, Math.ceil(length / 4), 32);
    return new Uint8Array(words.buffer, 0, length).slice();
  };
}
