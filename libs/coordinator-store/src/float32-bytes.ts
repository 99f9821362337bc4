const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Copies the bytes, never the values: a float round trip could quiet a signalling NaN. */
export function float32ToLittleEndianBytes(weights: Float32Array): Buffer {
  const bytes = Buffer.from(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength));
  if (!HOST_IS_LITTLE_ENDIAN) bytes.swap32();
  return bytes;
}

export function littleEndianBytesToFloat32(blob: Uint8Array): Float32Array {
  if (blob.byteLength % 4 !== 0)
    throw new Error(`checkpoint weights hold ${blob.byteLength} bytes, not a whole number of float32`);
  // A fresh, aligned buffer: SQLite's Buffer may be a misaligned slice of a shared pool.
  const bytes = Buffer.from(blob);
  if (!HOST_IS_LITTLE_ENDIAN) bytes.swap32();
  const weights = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(weights.buffer).set(bytes);
  return weights;
}
