import nacl from 'tweetnacl';
import { assertBytes, assertClientIndex, assertRoundId } from './argument-checks';
import { concatBytes, encodeDomainTag, encodeRoundId, encodeUint32 } from './byte-encoding';
import { SignatureError } from './secagg-errors';
import type { KeyAdvertisement } from './secagg-messages';
import type { RandomBytes } from './shamir-secret-sharing';

/** Domain tag of signed key advertisements. */
export const ADVERTISEMENT_DOMAIN = 'edgefl/secagg/v1/advertise';

/** A client's two fresh X25519 key pairs of one round. */
export interface RoundKeyPairs {
  /** For nacl.box of Shamir shares. */
  readonly shareEncryption: nacl.BoxKeyPair;
  /** For the pairwise mask seeds; its secret key is Shamir-shared. */
  readonly maskAgreement: nacl.BoxKeyPair;
}

/**
 * Makes the round's two X25519 key pairs from 2 x 32 random bytes (tweetnacl's CSPRNG by default).
 *
 * @example
 * const keys = generateRoundKeyPairs();
 */
export function generateRoundKeyPairs(randomBytes: RandomBytes = nacl.randomBytes): RoundKeyPairs {
  const shareSecret = randomBytes(32);
  const maskSecret = randomBytes(32);
  assertBytes(shareSecret, 32, 'randomBytes(32) result');
  assertBytes(maskSecret, 32, 'randomBytes(32) result');
  return {
    shareEncryption: nacl.box.keyPair.fromSecretKey(shareSecret),
    maskAgreement: nacl.box.keyPair.fromSecretKey(maskSecret),
  };
}

/** The fields of an advertisement that the signature covers. */
export type AdvertisedKeys = Omit<KeyAdvertisement, 'signature'>;

/**
 * The signed bytes: ASCII "edgefl/secagg/v1/advertise" || u32le(len(roundId)) || utf8(roundId) ||
 * u32le(clientIndex) || shareKey (32) || maskKey (32).
 *
 * @example
 * nacl.sign.detached(encodeAdvertisementForSignature(keys), identitySecretKey);
 */
export function encodeAdvertisementForSignature(keys: AdvertisedKeys): Uint8Array {
  assertRoundId(keys?.roundId, 'advertisement.roundId');
  assertClientIndex(keys.clientIndex, 'advertisement.clientIndex');
  assertBytes(keys.shareKey, 32, 'advertisement.shareKey');
  assertBytes(keys.maskKey, 32, 'advertisement.maskKey');
  return concatBytes(
    encodeDomainTag(ADVERTISEMENT_DOMAIN),
    encodeRoundId(keys.roundId),
    encodeUint32(keys.clientIndex),
    keys.shareKey,
    keys.maskKey,
  );
}

/**
 * Signs the round's public keys with the client's long-term Ed25519 identity key (64-byte tweetnacl secret key).
 *
 * @example
 * const advert = signKeyAdvertisement({ roundId, clientIndex, shareKey, maskKey }, identity.secretKey);
 */
export function signKeyAdvertisement(keys: AdvertisedKeys, identitySecretKey: Uint8Array): KeyAdvertisement {
  assertBytes(identitySecretKey, 64, 'identitySecretKey');
  const signature = nacl.sign.detached(encodeAdvertisementForSignature(keys), identitySecretKey);
  return {
    roundId: keys.roundId,
    clientIndex: keys.clientIndex,
    shareKey: keys.shareKey,
    maskKey: keys.maskKey,
    signature,
  };
}

/**
 * Checks an advertisement against the sender's registered identity public key (32 bytes);
 * throws {@link SignatureError} if the signature does not verify.
 *
 * @example
 * verifyKeyAdvertisement(advert, registeredIdentityKeys.get(advert.clientIndex));
 */
export function verifyKeyAdvertisement(advertisement: KeyAdvertisement, identityPublicKey: Uint8Array): void {
  assertBytes(identityPublicKey, 32, 'identityPublicKey');
  const message = encodeAdvertisementForSignature(advertisement);
  if (!(advertisement.signature instanceof Uint8Array) || advertisement.signature.length !== 64) {
    throw new SignatureError(`advertisement of client ${advertisement.clientIndex} has no 64-byte signature`);
  }
  if (!nacl.sign.detached.verify(message, advertisement.signature, identityPublicKey)) {
    throw new SignatureError(
      `advertisement of client ${advertisement.clientIndex} for round ${advertisement.roundId} does not verify against its identity key`,
    );
  }
}
