/** Test helpers: hex codecs and deterministic byte patterns (imported by tests only). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** Bytes f(0), f(1), ... masked to 8 bits. */
export function patternBytes(length: number, f: (i: number) => number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => f(i) & 0xff);
}
