import {
  type FieldSource,
  invalid,
  readFiniteNumber,
  readInteger,
  readNestedRecord,
  readPatternString,
} from './field-readers';
import type { SecureDpSetup } from './secure-dp-setup';

// Canonical standard base64 of exactly 32 bytes.
const SEED_PATTERN = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/**
 * Reads `task.secure.dp`: a {@link SecureDpSetup}, every field typed and in range.
 *
 * @throws ProtocolError `invalid-message` naming the field, e.g. `task.secure.dp.paddedLength must be a power of two`.
 * @example
 * const dp = readSecureDpSetup(setup, 'dp');
 */
export function readSecureDpSetup(source: FieldSource, key: string): SecureDpSetup {
  const dp = readNestedRecord(source, key);
  const paddedLength = readInteger(dp, 'paddedLength', 1, 2 ** 28);
  if ((paddedLength & (paddedLength - 1)) !== 0) throw invalid(`${dp.path}.paddedLength`, 'must be a power of two');
  return {
    clip: readFiniteNumber(dp, 'clip', 0),
    paddedLength,
    gridStep: readFiniteNumber(dp, 'gridStep', 0),
    roundingBound: readFiniteNumber(dp, 'roundingBound', 0),
    noiseVariance: readInteger(dp, 'noiseVariance', 1, 2 ** 40),
    rotationSeed: readPatternString(
      dp,
      'rotationSeed',
      SEED_PATTERN,
      'the standard base64 (44 characters) of 32 bytes',
    ),
  };
}
