import nacl from 'tweetnacl';
import { assertBytes, assertClientIndex, assertRoundId } from './argument-checks';
import { concatBytes, encodeDomainTag, encodeRoundId, encodeUint32 } from './byte-encoding';

/** Domain tag of pairwise mask seeds. */
export const PAIRWISE_SEED_DOMAIN = 'edgefl/secagg/v1/pairwise';

/** Inputs of {@link derivePairwiseSeed}, from one side of the pair. */
export interface PairwiseSeedInput {
  readonly roundId: string;
  readonly ownId: number;
  readonly peerId: number;
  /** This side's X25519 mask-agreement secret key (32 bytes). */
  readonly ownSecretKey: Uint8Array;
  /** The peer's advertised X25519 mask-agreement public key (32 bytes). */
  readonly peerPublicKey: Uint8Array;
}

/**
 * The 32-byte pairwise mask seed both ends of an edge derive alike:
 * SHA-512(encodePairwiseSeedMaterial(roundId, idA, idB, X25519(ownSecretKey, peerPublicKey)))[0..32].
 * Throws if the shared point is all zero (a low-order peer key).
 *
 * @example
 * derivePairwiseSeed({ roundId: 'r1', ownId: 1, peerId: 2, ownSecretKey, peerPublicKey });
 */
export function derivePairwiseSeed(input: PairwiseSeedInput): Uint8Array {
  assertRoundId(input?.roundId, 'input.roundId');
  assertClientIndex(input.ownId, 'input.ownId');
  assertClientIndex(input.peerId, 'input.peerId');
  if (input.ownId === input.peerId) throw new RangeError('input.peerId must differ from input.ownId');
  assertBytes(input.ownSecretKey, 32, 'input.ownSecretKey');
  assertBytes(input.peerPublicKey, 32, 'input.peerPublicKey');
  const shared = nacl.scalarMult(input.ownSecretKey, input.peerPublicKey);
  if (shared.every((byte) => byte === 0)) {
    throw new RangeError('input.peerPublicKey is a low-order point: the X25519 shared secret is zero');
  }
  const digest = nacl.hash(encodePairwiseSeedMaterial(input.roundId, input.ownId, input.peerId, shared));
  shared.fill(0);
  return digest.slice(0, 32);
}

/**
 * The hashed bytes: ASCII "edgefl/secagg/v1/pairwise" || u32le(len(roundId)) || utf8(roundId) ||
 * u32le(min(idA, idB)) || u32le(max(idA, idB)) || shared (32 bytes).
 *
 * @example
 * nacl.hash(encodePairwiseSeedMaterial('r1', 2, 1, shared)).slice(0, 32);
 */
export function encodePairwiseSeedMaterial(roundId: string, idA: number, idB: number, shared: Uint8Array): Uint8Array {
  assertRoundId(roundId);
  assertClientIndex(idA, 'idA');
  assertClientIndex(idB, 'idB');
  assertBytes(shared, 32, 'shared');
  return concatBytes(
    encodeDomainTag(PAIRWISE_SEED_DOMAIN),
    encodeRoundId(roundId),
    encodeUint32(Math.min(idA, idB)),
    encodeUint32(Math.max(idA, idB)),
    shared,
  );
}
