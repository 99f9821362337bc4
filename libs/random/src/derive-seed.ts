/**
 * Derives a 32-bit seed from parts (run seed, client index, round...) with FNV-1a, so each
 * client and round gets its own reproducible stream.
 *
 * @example
 * const seed = deriveSeed(runSeed, 'client', 7, 'round', 3);
 */
export function deriveSeed(...parts: Array<number | string>): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? `n${part}` : `s${part}`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hash ^= 0xff;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
