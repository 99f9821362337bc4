import { ErrorCode } from './error-code';
import { invalid } from './field-readers';
import type { SecAggAdvertisement, SecAggEncryptedShare, SecAggOwnedShare } from './secagg-client-messages';
import { MAX_SECAGG_COHORT, SHARE_CIPHERTEXT_BYTES } from './secagg-field-readers';
import type { SecAggSurvivorSignature } from './secagg-server-messages';

/**
 * Lists in secure-aggregation messages travel as ONE binary attachment of fixed-size records
 * (docs/PROTOCOL.md, "Secure aggregation stages"): socket.io's parser refuses packets with more
 * than 10 attachments, and a neighbour list is often longer. Every record starts with the peer's
 * cohort index as u16 little-endian.
 * - advertisement: u16 clientIndex || shareKey (32) || maskKey (32) || signature (64) = 130 bytes
 * - encrypted share: u16 peer || ciphertext (80) = 82 bytes
 * - owned share: u16 owner || share (32) = 34 bytes
 * - survivor-set signature: u32 signer || signature (64) = 68 bytes (the u32 id matches the signed
 *   bytes of docs/SECAGG.md, "Consistency check"; the index is still 1..65535)
 */

/** Bytes of one advertisement record. */
export const ADVERTISEMENT_RECORD_BYTES = 130;
/** Bytes of one encrypted-share record. */
export const SHARE_RECORD_BYTES = 2 + SHARE_CIPHERTEXT_BYTES;
/** Bytes of one owned-share record. */
export const OWNED_SHARE_RECORD_BYTES = 34;
/** Bytes of one survivor-set signature record. */
export const SIGNATURE_RECORD_BYTES = 68;

/**
 * Packs advertisements into one binary.
 *
 * @example
 * const bytes = encodeAdvertisementRecords([{ clientIndex: 2, shareKey, maskKey, signature }]); // 130 bytes
 */
export function encodeAdvertisementRecords(advertisements: readonly SecAggAdvertisement[]): Uint8Array {
  return encodeRecords(advertisements, ADVERTISEMENT_RECORD_BYTES, (advert, out) => {
    writeIndex(out, advert.clientIndex, 'advertisements');
    out.set(checkLength(advert.shareKey, 32, 'shareKey'), 2);
    out.set(checkLength(advert.maskKey, 32, 'maskKey'), 34);
    out.set(checkLength(advert.signature, 64, 'signature'), 66);
  });
}

/** Unpacks advertisement records; throws ProtocolError naming `path` on a bad length or a repeated advertiser. */
export function decodeAdvertisementRecords(bytes: Uint8Array, path: string): SecAggAdvertisement[] {
  return decodeRecords(
    bytes,
    ADVERTISEMENT_RECORD_BYTES,
    path,
    (record) => ({
      clientIndex: readIndex(record, path),
      shareKey: record.slice(2, 34),
      maskKey: record.slice(34, 66),
      signature: record.slice(66, 130),
    }),
    (advert) => advert.clientIndex,
  );
}

/**
 * Packs encrypted shares of round `roundId` into one binary of {@link SHARE_RECORD_BYTES}-byte
 * records. The record size no longer depends on the round id (it is bound through the box
 * nonce, not carried); `roundId` is still checked so that callers keep naming the round.
 *
 * @example
 * const bytes = encodeShareRecords(shares, roundId); // shares.length * 82 bytes
 */
export function encodeShareRecords(shares: readonly SecAggEncryptedShare[], roundId: string): Uint8Array {
  checkRoundId(roundId);
  return encodeRecords(shares, SHARE_RECORD_BYTES, (share, out) => {
    writeIndex(out, share.peer, 'shares');
    out.set(checkLength(share.ciphertext, SHARE_CIPHERTEXT_BYTES, 'ciphertext'), 2);
  });
}

/** Unpacks encrypted-share records of round `roundId`; throws ProtocolError naming `path`. */
export function decodeShareRecords(bytes: Uint8Array, roundId: string, path: string): SecAggEncryptedShare[] {
  checkRoundId(roundId);
  return decodeRecords(
    bytes,
    SHARE_RECORD_BYTES,
    path,
    (record) => ({ peer: readIndex(record, path), ciphertext: record.slice(2) }),
    (share) => share.peer,
  );
}

/**
 * Packs owned 32-byte shares into one binary.
 *
 * @example
 * const bytes = encodeOwnedShareRecords([{ owner: 3, share }]); // 34 bytes
 */
export function encodeOwnedShareRecords(shares: readonly SecAggOwnedShare[]): Uint8Array {
  return encodeRecords(shares, OWNED_SHARE_RECORD_BYTES, (owned, out) => {
    writeIndex(out, owned.owner, 'shares');
    out.set(checkLength(owned.share, 32, 'share'), 2);
  });
}

/** Unpacks owned-share records; throws ProtocolError naming `path`. */
export function decodeOwnedShareRecords(bytes: Uint8Array, path: string): SecAggOwnedShare[] {
  return decodeRecords(
    bytes,
    OWNED_SHARE_RECORD_BYTES,
    path,
    (record) => ({ owner: readIndex(record, path), share: record.slice(2) }),
    (owned) => owned.owner,
  );
}

/**
 * Packs survivor-set signatures (consistency check) into one binary.
 *
 * @example
 * const bytes = encodeSignatureRecords([{ clientIndex: 3, signature }]); // 68 bytes: 03000000 || signature
 */
export function encodeSignatureRecords(signatures: readonly SecAggSurvivorSignature[]): Uint8Array {
  return encodeRecords(signatures, SIGNATURE_RECORD_BYTES, (signed, out) => {
    const index = signed.clientIndex;
    if (!Number.isInteger(index) || index < 1 || index > MAX_SECAGG_COHORT) {
      throw new RangeError(`signatures: index must be an integer in [1, ${MAX_SECAGG_COHORT}], got ${index}`);
    }
    new DataView(out.buffer, out.byteOffset, 4).setUint32(0, index, true);
    out.set(checkLength(signed.signature, 64, 'signature'), 4);
  });
}

/** Unpacks survivor-set signature records; throws ProtocolError naming `path` on a bad length, an index outside 1..65535 or a repeated signer. */
export function decodeSignatureRecords(bytes: Uint8Array, path: string): SecAggSurvivorSignature[] {
  return decodeRecords(
    bytes,
    SIGNATURE_RECORD_BYTES,
    path,
    (record) => {
      const clientIndex = new DataView(record.buffer, record.byteOffset, 4).getUint32(0, true);
      if (clientIndex < 1 || clientIndex > MAX_SECAGG_COHORT)
        throw invalid(path, `holds a record with index ${clientIndex} outside [1, ${MAX_SECAGG_COHORT}]`);
      return { clientIndex, signature: record.slice(4, SIGNATURE_RECORD_BYTES) };
    },
    (signed) => signed.clientIndex,
  );
}

function encodeRecords<T>(items: readonly T[], size: number, write: (item: T, out: Uint8Array) => void): Uint8Array {
  if (!Array.isArray(items) || items.length > MAX_SECAGG_COHORT)
    throw new RangeError(`records must be an array of at most ${MAX_SECAGG_COHORT} items`);
  const bytes = new Uint8Array(items.length * size);
  items.forEach((item, i) => write(item, bytes.subarray(i * size, (i + 1) * size)));
  return bytes;
}

function decodeRecords<T>(
  bytes: Uint8Array,
  size: number,
  path: string,
  read: (record: Uint8Array) => T,
  peerOf: (item: T) => number,
): T[] {
  if (bytes.byteLength % size !== 0 || bytes.byteLength / size > MAX_SECAGG_COHORT) {
    throw invalid(path, `must hold whole ${size}-byte records, got ${bytes.byteLength} bytes`);
  }
  const items: T[] = [];
  const seen = new Set<number>();
  for (let offset = 0; offset < bytes.byteLength; offset += size) {
    const item = read(bytes.subarray(offset, offset + size));
    const peer = peerOf(item);
    if (seen.has(peer)) throw invalid(path, `repeats index ${peer}`, ErrorCode.SecAggViolation);
    seen.add(peer);
    items.push(item);
  }
  return items;
}

function readIndex(record: Uint8Array, path: string): number {
  const index = record[0] | (record[1] << 8);
  if (index < 1) throw invalid(path, 'holds a record with index 0 (indices are 1-based)');
  return index;
}

function writeIndex(out: Uint8Array, index: number, name: string): void {
  if (!Number.isInteger(index) || index < 1 || index > MAX_SECAGG_COHORT)
    throw new RangeError(`${name}: index must be an integer in [1, ${MAX_SECAGG_COHORT}], got ${index}`);
  out[0] = index & 0xff;
  out[1] = index >>> 8;
}

function checkRoundId(roundId: string): void {
  if (typeof roundId !== 'string' || roundId.length === 0) throw new TypeError('roundId must be a non-empty string');
}

function checkLength(bytes: Uint8Array, length: number, name: string): Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length)
    throw new RangeError(`${name} must be ${length} bytes`);
  return bytes;
}
