import nacl from 'tweetnacl';
import { assertBytes, assertClientIndex, assertDistinctClientIndices, assertRoundId } from './argument-checks';
import { concatBytes, encodeDomainTag, encodeRoundId, encodeUint32 } from './byte-encoding';
import { SignatureError } from './secagg-errors';
import type { ConsistencySignature } from './secagg-messages';

/** Domain tag of signed survivor sets (ConsistencyCheck stage). */
export const CONSISTENCY_DOMAIN = 'edgefl/secagg/v1/consistency';

/** What a ConsistencyCheck signature covers. */
export interface SurvivorSetStatement {
  readonly roundId: string;
  /** The signing client; bound so that one signature never counts for another id. */
  readonly clientIndex: number;
  /** U3 as the signer was shown it; any order, no repeats (encoded ascending). */
  readonly survivors: readonly number[];
}

/**
 * The signed bytes (docs/SECAGG.md, "Consistency check"): ASCII "edgefl/secagg/v1/consistency" ||
 * u32le(len(roundId)) || utf8(roundId) || u32le(clientIndex) || u32le(|U3|) || u16le(id) for each id of
 * U3 ascending. The set is encoded canonically, so two orderings of one set sign the same bytes.
 *
 * @example
 * nacl.sign.detached(encodeSurvivorSetForSignature({ roundId: 'r7', clientIndex: 3, survivors: [5, 1, 3] }), identitySecretKey);
 */
export function encodeSurvivorSetForSignature(statement: SurvivorSetStatement): Uint8Array {
  assertRoundId(statement?.roundId, 'statement.roundId');
  assertClientIndex(statement.clientIndex, 'statement.clientIndex');
  const survivors = assertDistinctClientIndices(statement.survivors, 'statement.survivors');
  if (survivors.length === 0) throw new RangeError('statement.survivors must not be empty');
  const ids = new Uint8Array(2 * survivors.length);
  const view = new DataView(ids.buffer);
  survivors.forEach((id, position) => view.setUint16(2 * position, id, true));
  return concatBytes(
    encodeDomainTag(CONSISTENCY_DOMAIN),
    encodeRoundId(statement.roundId),
    encodeUint32(statement.clientIndex),
    encodeUint32(survivors.length),
    ids,
  );
}

/**
 * Signs a survivor set with the client's long-term Ed25519 identity key (64-byte tweetnacl secret key).
 *
 * @example
 * const signature = signSurvivorSet({ roundId: 'r7', clientIndex: 3, survivors: [1, 3, 5] }, identity.secretKey);
 */
export function signSurvivorSet(statement: SurvivorSetStatement, identitySecretKey: Uint8Array): ConsistencySignature {
  assertBytes(identitySecretKey, 64, 'identitySecretKey');
  const signature = nacl.sign.detached(encodeSurvivorSetForSignature(statement), identitySecretKey);
  return { roundId: statement.roundId, clientIndex: statement.clientIndex, signature };
}

/**
 * Checks that `signature` is the signer's Ed25519 signature over exactly this round and survivor
 * set; throws {@link SignatureError} otherwise (a forgery, another set, another round or signer).
 *
 * @example
 * verifySurvivorSetSignature(signature, [1, 3, 5], identityKeys.get(signature.clientIndex));
 */
export function verifySurvivorSetSignature(
  signature: ConsistencySignature,
  survivors: readonly number[],
  identityPublicKey: Uint8Array,
): void {
  assertBytes(identityPublicKey, 32, 'identityPublicKey');
  if (typeof signature !== 'object' || signature === null)
    throw new TypeError('signature must be a ConsistencySignature');
  const message = encodeSurvivorSetForSignature({
    roundId: signature.roundId,
    clientIndex: signature.clientIndex,
    survivors,
  });
  if (!(signature.signature instanceof Uint8Array) || signature.signature.length !== 64) {
    throw new SignatureError(`consistency signature of client ${signature.clientIndex} has no 64-byte signature`);
  }
  if (!nacl.sign.detached.verify(message, signature.signature, identityPublicKey)) {
    throw new SignatureError(
      `consistency signature of client ${signature.clientIndex} does not verify over this survivor set of round ${signature.roundId} against its identity key`,
    );
  }
}
