import { decodeBase64 } from '@edgefl/protocol';
import type { SecureRoundSetup } from '@edgefl/protocol';
import { cryptoRandomSource, encodeDistributedDpInput } from '@edgefl/privacy';
import type { RandomSource } from '@edgefl/privacy';

/**
 * A client's SecAgg input in a secure DP round (`task.secure.dp` present; docs/PROTOCOL.md,
 * "Distributed DP"): the distributed discrete Gaussian of Kairouz, Liu, Steinke 2021 on the round's
 * plan, with noise and rounding from tweetnacl's randomness. Every client weighs 1, so no sample
 * count enters the vector.
 *
 * @throws RangeError when the setup is not a DP setup or its lengths disagree.
 * @example
 * const x = encodeDpSecureInput(delta, task.secure); // Uint32Array(task.secure.dp.paddedLength), then maskInput
 */
export function encodeDpSecureInput(
  delta: Float32Array,
  setup: Pick<SecureRoundSetup, 'dp' | 'modulusBits' | 'vectorLength'>,
  source: RandomSource = cryptoRandomSource(),
): Uint32Array {
  const { dp } = setup;
  if (!dp) throw new RangeError('setup.dp is missing: not a DP round');
  if (dp.paddedLength !== setup.vectorLength)
    throw new RangeError(
      `setup.dp.paddedLength ${dp.paddedLength} differs from setup.vectorLength ${setup.vectorLength}`,
    );
  const plan = { ...dp, modulusBits: setup.modulusBits };
  return encodeDistributedDpInput(delta, plan, decodeBase64(dp.rotationSeed), source);
}
