import nacl from 'tweetnacl';
import { assertBytes, assertClientId, assertRoundId } from './argument-checks';
import { bytesEqual, concatBytes, encodeDomainTag, encodeRoundId, encodeUint32 } from './byte-encoding';
import { ShareDecryptionError } from './secagg-errors';
import type { EncryptedShare } from './secagg-messages';
import type { RandomBytes } from './shamir-secret-sharing';

/** Domain tag at the start of every share plaintext. */
export const SHARE_PLAINTEXT_DOMAIN = 'edgefl/secagg/v1/shares';

/** What one client gives one neighbour: its Shamir shares, both at share index = recipient id. */
export interface SharePayload {
  /** Share of the sender's self-mask seed (32 bytes). */
  readonly selfSeedShare: Uint8Array;
  /** Share of the sender's X25519 mask-agreement secret key (32 bytes). */
  readonly maskKeyShare: Uint8Array;
}

/** Inputs of {@link encryptSharePayload}. */
export interface ShareEncryptionInput {
  readonly roundId: string;
  readonly senderId: number;
  readonly recipientId: number;
  readonly payload: SharePayload;
  /** Sender's X25519 share-encryption secret key. */
  readonly senderSecretKey: Uint8Array;
  /** Recipient's advertised X25519 share-encryption public key. */
  readonly recipientPublicKey: Uint8Array;
  /** Source of the 24-byte nonce; tweetnacl's CSPRNG by default. */
  readonly randomBytes?: RandomBytes;
}

/** Inputs of {@link decryptSharePayload}. */
export interface ShareDecryptionInput {
  readonly share: EncryptedShare;
  readonly roundId: string;
  readonly recipientId: number;
  readonly recipientSecretKey: Uint8Array;
  /** The sender's advertised X25519 share-encryption public key. */
  readonly senderPublicKey: Uint8Array;
}

/**
 * The plaintext: ASCII "edgefl/secagg/v1/shares" || u32le(len(roundId)) || utf8(roundId) ||
 * u32le(senderId) || u32le(recipientId) || selfSeedShare (32) || maskKeyShare (32).
 *
 * @example
 * encodeSharePlaintext('r1', 1, 2, payload).length; // 99 + 2
 */
export function encodeSharePlaintext(roundId: string, senderId: number, recipientId: number, payload: SharePayload): Uint8Array {
  assertRoundId(roundId);
  assertClientId(senderId, 'senderId');
  assertClientId(recipientId, 'recipientId');
  assertBytes(payload?.selfSeedShare, 32, 'payload.selfSeedShare');
  assertBytes(payload.maskKeyShare, 32, 'payload.maskKeyShare');
  return concatBytes(
    encodeDomainTag(SHARE_PLAINTEXT_DOMAIN),
    encodeRoundId(roundId),
    encodeUint32(senderId),
    encodeUint32(recipientId),
    payload.selfSeedShare,
    payload.maskKeyShare,
  );
}

/**
 * Encrypts the payload for one neighbour: ciphertext = nonce (24 random bytes) ||
 * nacl.box(plaintext, nonce, recipientPublicKey, senderSecretKey).
 *
 * @example
 * const share = encryptSharePayload({ roundId, senderId: 1, recipientId: 2, payload, senderSecretKey, recipientPublicKey });
 */
export function encryptSharePayload(input: ShareEncryptionInput): EncryptedShare {
  assertBytes(input?.senderSecretKey, 32, 'input.senderSecretKey');
  assertBytes(input.recipientPublicKey, 32, 'input.recipientPublicKey');
  const plaintext = encodeSharePlaintext(input.roundId, input.senderId, input.recipientId, input.payload);
  const nonce = (input.randomBytes ?? nacl.randomBytes)(nacl.box.nonceLength);
  assertBytes(nonce, nacl.box.nonceLength, 'randomBytes(24) result');
  const boxed = nacl.box(plaintext, nonce, input.recipientPublicKey, input.senderSecretKey);
  plaintext.fill(0);
  return {
    roundId: input.roundId,
    senderId: input.senderId,
    recipientId: input.recipientId,
    ciphertext: concatBytes(nonce, boxed),
  };
}

/**
 * Opens a share addressed to `recipientId` and checks that the plaintext names this round, the
 * claimed sender and this recipient; throws {@link ShareDecryptionError} otherwise.
 *
 * @example
 * const { selfSeedShare, maskKeyShare } = decryptSharePayload({ share, roundId, recipientId: 2, recipientSecretKey, senderPublicKey });
 */
export function decryptSharePayload(input: ShareDecryptionInput): SharePayload {
  assertRoundId(input?.roundId, 'input.roundId');
  assertClientId(input.recipientId, 'input.recipientId');
  assertBytes(input.recipientSecretKey, 32, 'input.recipientSecretKey');
  assertBytes(input.senderPublicKey, 32, 'input.senderPublicKey');
  const { share } = input;
  if (typeof share !== 'object' || share === null || !(share.ciphertext instanceof Uint8Array)) {
    throw new TypeError('input.share must be an EncryptedShare with a Uint8Array ciphertext');
  }
  assertClientId(share.senderId, 'input.share.senderId');
  const nonceLength = nacl.box.nonceLength;
  if (share.ciphertext.length < nonceLength + nacl.box.overheadLength) {
    throw new ShareDecryptionError(`share from client ${share.senderId} is too short to be a box`);
  }
  const opened = nacl.box.open(
    share.ciphertext.subarray(nonceLength),
    share.ciphertext.subarray(0, nonceLength),
    input.senderPublicKey,
    input.recipientSecretKey,
  );
  if (opened === null) {
    throw new ShareDecryptionError(`share from client ${share.senderId} does not open (forged or corrupted)`);
  }
  const header = concatBytes(
    encodeDomainTag(SHARE_PLAINTEXT_DOMAIN),
    encodeRoundId(input.roundId),
    encodeUint32(share.senderId),
    encodeUint32(input.recipientId),
  );
  if (opened.length !== header.length + 64 || !bytesEqual(opened.subarray(0, header.length), header)) {
    opened.fill(0);
    throw new ShareDecryptionError(
      `share from client ${share.senderId} is bound to another round, sender or recipient than round ${input.roundId}, client ${input.recipientId}`,
    );
  }
  const payload = {
    selfSeedShare: opened.slice(header.length, header.length + 32),
    maskKeyShare: opened.slice(header.length + 32, header.length + 64),
  };
  opened.fill(0);
  return payload;
}
