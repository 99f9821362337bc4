import { poissonGaussianRdp } from './poisson-gaussian-rdp';
import { DEFAULT_RDP_ORDERS } from './rdp-orders';
import { rdpToEpsilon } from './rdp-to-epsilon';
import type { RdpConversion } from './rdp-to-epsilon';

/**
 * An RDP accountant for a run of Poisson-subsampled Gaussian rounds: RDP composes by addition at
 * every order (Mironov 2017, Proposition 1), so rounds with different sampling rates or noise
 * simply add up; `epsilon(delta)` converts the total (see {@link RdpConversion}).
 *
 * @example
 * const accountant = new PrivacyAccountant();
 * accountant.spend(100 / 1000, 1.0); // one round: q = 0.1, noise multiplier 1.0
 * accountant.epsilon(1e-5);
 */
export class PrivacyAccountant {
  private readonly rdp: Float64Array;
  private steps = 0;

  constructor(
    readonly orders: readonly number[] = DEFAULT_RDP_ORDERS,
    readonly conversion: RdpConversion = 'classic',
  ) {
    if (orders.length === 0) throw new RangeError('orders must not be empty');
    this.rdp = new Float64Array(orders.length);
  }

  /** Rounds accounted so far. */
  get rounds(): number {
    return this.steps;
  }

  /** Adds `count` rounds with sampling rate `q` and noise multiplier `noiseMultiplier`. */
  spend(q: number, noiseMultiplier: number, count = 1): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
    for (let i = 0; i < this.orders.length; i++)
      this.rdp[i] += count * poissonGaussianRdp(q, noiseMultiplier, this.orders[i]);
    this.steps += count;
  }

  /** The epsilon one more round (rate q, noise multiplier z) would bring the total to; changes nothing. */
  epsilonAfter(q: number, noiseMultiplier: number, delta: number): number {
    const rdp = this.orders.map((order, i) => this.rdp[i] + poissonGaussianRdp(q, noiseMultiplier, order));
    return rdpToEpsilon(rdp, this.orders, delta, this.conversion).epsilon;
  }

  /** The epsilon spent so far at `delta` (0 before any round). */
  epsilon(delta: number): number {
    if (this.steps === 0) {
      if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
      return 0;
    }
    return rdpToEpsilon([...this.rdp], this.orders, delta, this.conversion).epsilon;
  }
}

/**
 * Epsilon after `rounds` identical rounds (rate q, noise multiplier z) at `delta`.
 *
 * @example
 * epsilonFor({ q: 256 / 60000, noiseMultiplier: 1.1, rounds: 14062, delta: 1e-5 }); // ~3.01
 */
export function epsilonFor(args: {
  q: number;
  noiseMultiplier: number;
  rounds: number;
  delta: number;
  conversion?: RdpConversion;
}): number {
  const accountant = new PrivacyAccountant(DEFAULT_RDP_ORDERS, args.conversion);
  accountant.spend(args.q, args.noiseMultiplier, args.rounds);
  return accountant.epsilon(args.delta);
}
