import nacl from 'tweetnacl';

/**
 * The hash that names a model's exact weights on the wire: the first 16 bytes of SHA-512 over the
 * flat float32 vector in little-endian byte order, as 32 lowercase hex digits. Bit-exact: two
 * models hash alike only if every float32 is identical.
 *
 * @example
 * modelHash(new Float32Array([1, -2.5])); // 'f5b55c4031ec524ec3b1e0921c83cc19'
 */
export function modelHash(weights: Float32Array): string {
  if (!(weights instanceof Float32Array)) throw new TypeError('weights must be a Float32Array');
  const bytes = new Uint8Array(weights.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < weights.length; i++) view.setFloat32(4 * i, weights[i], true);
  const digest = nacl.hash(bytes);
  let hex = '';
  for (let i = 0; i < 16; i++) hex += digest[i].toString(16).padStart(2, '0');
  return hex;
}
