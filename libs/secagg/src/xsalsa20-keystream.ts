import nacl from 'tweetnacl';

/** The slice of `nacl.lowlevel` we use; tweetnacl's typings do not declare `lowlevel`. */
interface NaclStream {
  crypto_stream(out: Uint8Array, outOffset: number, byteLength: number, nonce: Uint8Array, key: Uint8Array): number;
}

function loadStream(): NaclStream {
  const lowlevel: unknown = Reflect.get(nacl, 'lowlevel');
  if (
    typeof lowlevel !== 'object' ||
    lowlevel === null ||
    typeof Reflect.get(lowlevel, 'crypto_stream') !== 'function'
  ) {
    throw new Error('tweetnacl.lowlevel.crypto_stream is missing: secagg needs tweetnacl 1.x');
  }
  return lowlevel as NaclStream;
}

const stream = loadStream();

/**
 * `byteLength` bytes of the XSalsa20 keystream for a 32-byte key and 24-byte nonce
 * (tweetnacl's crypto_stream, the keystream of secretbox without the Poly1305 part).
 * Internal to the lib.
 */
export function xsalsa20Keystream(key: Uint8Array, nonce: Uint8Array, byteLength: number): Uint8Array {
  const out = new Uint8Array(byteLength);
  if (byteLength > 0) stream.crypto_stream(out, 0, byteLength, nonce, key);
  return out;
}
