import { TokenBucket } from './token-bucket';

/**
 * Failed authentications per remote address, across connections: each address may fail
 * `maxFailures` times (refilled at that many per `windowMs`); past that, {@link AuthThrottle.blocked}
 * is true until the bucket refills, and the coordinator refuses that address's handshakes and
 * hellos without looking at their credentials. Keeps at most `maxAddresses` addresses (the
 * oldest forgotten first), so the table itself is bounded.
 *
 * @example
 * const throttle = new AuthThrottle(10, 60_000);
 * if (throttle.blocked(address)) refuse(); else if (!ok) throttle.failed(address);
 */
export class AuthThrottle {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly maxAddresses = 10_000,
  ) {}

  /** True while `address` has used up its failures. */
  blocked(address: string): boolean {
    const bucket = this.buckets.get(address);
    return bucket !== undefined && bucket.available() < 1;
  }

  /** Records one failed authentication from `address`. */
  failed(address: string): void {
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value as string);
      bucket = new TokenBucket((this.maxFailures * 1000) / this.windowMs, this.maxFailures);
      this.buckets.set(address, bucket);
    }
    bucket.take();
  }
}
