import {
  type FieldSource,
  hasField,
  invalid,
  readBoolean,
  readFiniteNumber,
  readId,
  readInteger,
  readNestedRecord,
  readPatternString,
} from './field-readers';
import { readSecureDpSetup } from './read-secure-dp-setup';
import { MAX_QUANTIZATION_BITS } from './read-update-encoding';
import { MAX_SECAGG_COHORT, readCohortIndex, readDistinctList } from './secagg-field-readers';

// Canonical standard base64 of exactly 32 bytes (as hello.identityKey).
const KEY_PATTERN = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
import type { SecureRoundSetup } from './secure-round-setup';

/**
 * Reads the `secure` field of a task: a {@link SecureRoundSetup}. Checks types and ranges, and
 * that the client itself is not among its neighbours; the SecAgg session checks the rest
 * (threshold against degree, neighbour count).
 *
 * @example
 * const setup = readSecureRoundSetup(readRecord(input, 'task'), 'secure');
 */
export function readSecureRoundSetup(source: FieldSource, key: string): SecureRoundSetup {
  const setup = readNestedRecord(source, key);
  const clientIndex = readCohortIndex(setup, 'clientIndex');
  const cohortSize = readInteger(setup, 'cohortSize', 2, MAX_SECAGG_COHORT);
  const neighbours = readDistinctList(
    setup,
    'neighbours',
    (item) => ({
      index: readInteger(item, 'index', 1, cohortSize),
      clientId: readId(item, 'clientId'),
      identityKey: readPatternString(
        item,
        'identityKey',
        KEY_PATTERN,
        'the standard base64 (44 characters) of a 32-byte key',
      ),
    }),
    (neighbour) => neighbour.index,
  );
  if (neighbours.some((neighbour) => neighbour.index === clientIndex))
    throw invalid(`${setup.path}.neighbours`, 'must not include the client itself');
  const consistencyCheck = hasField(setup, 'consistencyCheck') ? readBoolean(setup, 'consistencyCheck') : false;
  return {
    clientIndex,
    cohortSize,
    neighbourCount: readInteger(setup, 'neighbourCount', 1, MAX_SECAGG_COHORT),
    threshold: readInteger(setup, 'threshold', 1, MAX_SECAGG_COHORT),
    modulusBits: readInteger(setup, 'modulusBits', 1, 32),
    vectorLength: readInteger(setup, 'vectorLength', 2, 0xffff_ffff),
    bits: readInteger(setup, 'bits', 1, MAX_QUANTIZATION_BITS),
    range: readFiniteNumber(setup, 'range', 0),
    weightCap: readInteger(setup, 'weightCap', 1),
    stageTimeoutMs: readInteger(setup, 'stageTimeoutMs', 1),
    neighbours: [...neighbours].sort((a, b) => a.index - b.index),
    consistencyCheck,
    ...(hasField(setup, 'dp') && { dp: readSecureDpSetup(setup, 'dp') }),
  };
}
