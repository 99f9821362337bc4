/**
 * Uniform random integers from a byte source, buffered: the exact samplers draw from this and from
 * nothing else. Bytes come from tweetnacl (`cryptoRandomSource`) or, for reproducible tests and
 * shared round randomness, from a seeded tweetnacl hash stream (`seededRandomSource`).
 *
 * @example
 * const source = new RandomSource((n) => nacl.randomBytes(n));
 * source.uniformBelow(10n); // 0n..9n, exactly uniform (rejection sampling)
 */
export class RandomSource {
  private buffer: Uint8Array = new Uint8Array(0);
  private offset = 0;

  /** `fill(n)` returns n fresh random bytes. */
  constructor(private readonly fill: (n: number) => Uint8Array) {
    if (typeof fill !== 'function') throw new TypeError('fill must be a function returning random bytes');
  }

  /** One random byte. */
  nextByte(): number {
    if (this.offset >= this.buffer.length) {
      this.buffer = this.fill(4096);
      this.offset = 0;
      if (!(this.buffer instanceof Uint8Array) || this.buffer.length === 0)
        throw new TypeError('fill must return a non-empty Uint8Array');
    }
    return this.buffer[this.offset++];
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    return (this.nextByte() | (this.nextByte() << 8) | (this.nextByte() << 16) | (this.nextByte() << 24)) >>> 0;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Exactly uniform in 0..n-1 for an integer 1 <= n <= 2^53 (rejection of 53-bit draws). */
  uniformBelowNumber(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 9007199254740992)
      throw new RangeError(`n must be an integer in 1..2^53, got ${n}`);
    const limit = Math.floor(9007199254740992 / n) * n;
    for (;;) {
      const r = this.nextFloat() * 9007199254740992;
      if (r < limit) return r % n;
    }
  }

  /** Exactly uniform in 0..n-1 for a bigint n >= 1 (rejection of the top of a power-of-two range). */
  uniformBelow(n: bigint): bigint {
    if (typeof n !== 'bigint' || n < 1n) throw new RangeError(`n must be a bigint >= 1, got ${String(n)}`);
    if (n === 1n) return 0n;
    const bits = (n - 1n).toString(2).length;
    const bytes = Math.ceil(bits / 8);
    const topMask = (1 << (bits - 8 * (bytes - 1))) - 1;
    for (;;) {
      let value = BigInt(this.nextByte() & topMask);
      for (let i = 1; i < bytes; i++) value = (value << 8n) | BigInt(this.nextByte());
      if (value < n) return value;
    }
  }
}
