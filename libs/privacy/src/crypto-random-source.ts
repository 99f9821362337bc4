import nacl from 'tweetnacl';
import { RandomSource } from './random-source';

/**
 * A {@link RandomSource} over tweetnacl's `nacl.randomBytes` (the platform CSPRNG): what a client
 * uses for the noise it adds.
 *
 * @example
 * const noise = sampleDiscreteGaussian(cryptoRandomSource(), { num: 4n, den: 1n });
 */
export function cryptoRandomSource(): RandomSource {
  return new RandomSource((n) => nacl.randomBytes(n));
}
