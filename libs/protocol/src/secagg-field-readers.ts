import { ErrorCode } from './error-code';
import { type FieldSource, invalid, readBinary, readInteger, readRecord } from './field-readers';
import type { SecAggAdvertisement } from './secagg-client-messages';

/** Largest cohort of a secure round: ids are GF(2^16) share indices. */
export const MAX_SECAGG_COHORT = 65_535;

/**
 * Readers for the fields of secure-aggregation messages, on top of field-readers: cohort
 * indices, fixed-length keys, advertisements and share lists. Errors are ProtocolErrors naming
 * the dotted path.
 */

/** A 1-based cohort index. */
export function readCohortIndex(source: FieldSource, key: string): number {
  return readInteger(source, key, 1, MAX_SECAGG_COHORT);
}

/** Binary of exactly `length` bytes. */
export function readFixedBinary(source: FieldSource, key: string, length: number): Uint8Array {
  const bytes = readBinary(source, key);
  if (bytes.byteLength !== length)
    throw invalid(`${source.path}.${key}`, `must be ${length} bytes, got ${bytes.byteLength}`);
  return bytes;
}

/** The advertisement fields (clientIndex, shareKey, maskKey, signature) of `source`. */
export function readAdvertisementFields(source: FieldSource): SecAggAdvertisement {
  return {
    clientIndex: readCohortIndex(source, 'clientIndex'),
    shareKey: readFixedBinary(source, 'shareKey', 32),
    maskKey: readFixedBinary(source, 'maskKey', 32),
    signature: readFixedBinary(source, 'signature', 64),
  };
}

/**
 * Exact size of a share box: nacl.box of the two 32-byte Shamir shares (64 bytes) plus its
 * 16-byte Poly1305 tag. The 24-byte nonce is derived from (roundId, sender, recipient) by both
 * ends and does not travel (docs/SECAGG.md, "Share encryption").
 */
export const SHARE_CIPHERTEXT_BYTES = 80;

/** An array of objects read by `readItem`, at most MAX_SECAGG_COHORT long, with distinct `peerOf` values. */
export function readDistinctList<T>(
  source: FieldSource,
  key: string,
  readItem: (item: FieldSource) => T,
  peerOf: (item: T) => number,
): T[] {
  const path = `${source.path}.${key}`;
  const value: unknown = Object.prototype.hasOwnProperty.call(source.fields, key)
    ? (source.fields as Record<string, unknown>)[key]
    : undefined;
  if (!Array.isArray(value) || value.length > MAX_SECAGG_COHORT)
    throw invalid(path, `must be an array of at most ${MAX_SECAGG_COHORT} entries`);
  const seen = new Set<number>();
  return value.map((raw: unknown, i) => {
    const item = readItem(readRecord(raw, `${path}[${i}]`));
    const peer = peerOf(item);
    if (seen.has(peer)) throw invalid(`${path}[${i}]`, `repeats index ${peer}`, ErrorCode.SecAggViolation);
    seen.add(peer);
    return item;
  });
}

/** A list of distinct cohort indices. */
export function readIndexList(source: FieldSource, key: string): number[] {
  const path = `${source.path}.${key}`;
  const value: unknown = Object.prototype.hasOwnProperty.call(source.fields, key)
    ? (source.fields as Record<string, unknown>)[key]
    : undefined;
  if (!Array.isArray(value) || value.length > MAX_SECAGG_COHORT)
    throw invalid(path, `must be an array of at most ${MAX_SECAGG_COHORT} indices`);
  const wrapper = { path, fields: value };
  const list = value.map((_: unknown, i) => readCohortIndex(wrapper, String(i)));
  if (new Set(list).size !== list.length) throw invalid(path, 'must not repeat an index', ErrorCode.SecAggViolation);
  return list;
}
