import { type FieldSource, readBoolean, readInteger, readLiteral, readNestedRecord } from './field-readers';
import type { UpdateEncoding } from './update-encoding';

/** Most bits per value of the `quantized` encoding. */
export const MAX_QUANTIZATION_BITS = 16;

/**
 * Reads an {@link UpdateEncoding} field: `{ kind: 'float32' }` or
 * `{ kind: 'quantized', bits: 1-16, chunkSize: 1-(2^32 - 1), errorFeedback: boolean }`.
 *
 * @example
 * const encoding = readUpdateEncoding(readRecord(input, 'update'), 'encoding');
 */
export function readUpdateEncoding(source: FieldSource, key: string): UpdateEncoding {
  const encoding = readNestedRecord(source, key);
  const kind = readLiteral(encoding, 'kind', ['float32', 'quantized']);
  if (kind === 'float32') return { kind };
  return {
    kind,
    bits: readInteger(encoding, 'bits', 1, MAX_QUANTIZATION_BITS),
    chunkSize: readInteger(encoding, 'chunkSize', 1, 0xffff_ffff),
    errorFeedback: readBoolean(encoding, 'errorFeedback'),
  };
}
