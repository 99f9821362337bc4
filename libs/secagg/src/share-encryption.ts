import nacl from 'tweetnacl';
import { assertBytes, assertClientId, assertRoundId } from './argument-checks';
import { concatBytes, encodeDomainTag, encodeRoundId, encodeUint32 } from './byte-encoding';
import { ShareDecryptionError } from './secagg-errors';
import type { EncryptedShare } from './secagg-messages';

/** Domain tag of the share-box nonce derivation (docs/SECAGG.md, "Share encryption"). */
export const SHARE_NONCE_DOMAIN = 'edgefl/secagg/v1/share-nonce';

/** Bytes of one share ciphertext: the 64-byte plaintext plus the 16-byte Poly1305 tag; no nonce travels. */
export const SHARE_CIPHERTEXT_BYTES = 64 + 16;

/** What one client gives one neighbour: its Shamir shares, both at share index = recipient id. */
export interface SharePayload {
  /** Share of the sender's self-mask seed (32 bytes). */
  readonly selfSeedShare: Uint8Array;
  /** Share of the sender's X25519 mask-agreement secret key (32 bytes). */
  readonly maskKeyShare: Uint8Array;
}

/**
 * Inputs of {@link encryptSharePayload}. The sender must encrypt to one recipient at most once
 * per share-encryption key pair: the nonce is derived, not drawn (see {@link deriveShareNonce}).
 */
export interface ShareEncryptionInput {
  readonly roundId: string;
  readonly senderId: number;
  readonly recipientId: number;
  readonly payload: SharePayload;
  /** Sender's X25519 share-encryption secret key, fresh for this round. */
  readonly senderSecretKey: Uint8Array;
  /** Recipient's advertised X25519 share-encryption public key. */
  readonly recipientPublicKey: Uint8Array;
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
 * The 24-byte nonce of the box from `senderId` to `recipientId` in round `roundId`:
 * SHA-512(ASCII "edgefl/secagg/v1/share-nonce" || u32le(len(roundId)) || utf8(roundId) ||
 * u32le(senderId) || u32le(recipientId))[0..24].
 *
 * Never reused under one box key: a box key is X25519(c_sk of one side, c_pk of the other), and
 * every honest sender draws its c key pair fresh each round and encrypts to each recipient once
 * (ShareKeys runs once per session). The only other box under the same key is the reverse edge,
 * whose nonce hashes (recipient, sender) in the other order. The recipient rebuilds the nonce
 * from what it expects, so a box moved to another round, sender or recipient fails Poly1305.
 *
 * @example
 * deriveShareNonce('round-7', 3, 5).length; // 24
 */
export function deriveShareNonce(roundId: string, senderId: number, recipientId: number): Uint8Array {
  assertRoundId(roundId);
  assertClientId(senderId, 'senderId');
  assertClientId(recipientId, 'recipientId');
  if (senderId === recipientId) throw new RangeError('recipientId must differ from senderId');
  const material = concatBytes(
    encodeDomainTag(SHARE_NONCE_DOMAIN),
    encodeRoundId(roundId),
    encodeUint32(senderId),
    encodeUint32(recipientId),
  );
  return nacl.hash(material).slice(0, nacl.box.nonceLength);
}

/**
 * The plaintext: selfSeedShare (32) || maskKeyShare (32). Round, sender and recipient are bound
 * through the nonce, not repeated here.
 *
 * @example
 * encodeSharePlaintext(payload).length; // 64
 */
export function encodeSharePlaintext(payload: SharePayload): Uint8Array {
  assertBytes(payload?.selfSeedShare, 32, 'payload.selfSeedShare');
  assertBytes(payload.maskKeyShare, 32, 'payload.maskKeyShare');
  return concatBytes(payload.selfSeedShare, payload.maskKeyShare);
}

/**
 * Encrypts the payload for one neighbour: ciphertext = nacl.box(plaintext,
 * deriveShareNonce(roundId, senderId, recipientId), recipientPublicKey, senderSecretKey),
 * {@link SHARE_CIPHERTEXT_BYTES} bytes. Deterministic: call it once per (key pair, recipient).
 *
 * @example
 * const share = encryptSharePayload({ roundId, senderId: 1, recipientId: 2, payload, senderSecretKey, recipientPublicKey });
 */
export function encryptSharePayload(input: ShareEncryptionInput): EncryptedShare {
  assertBytes(input?.senderSecretKey, 32, 'input.senderSecretKey');
  assertBytes(input.recipientPublicKey, 32, 'input.recipientPublicKey');
  const nonce = deriveShareNonce(input.roundId, input.senderId, input.recipientId);
  const plaintext = encodeSharePlaintext(input.payload);
  const ciphertext = nacl.box(plaintext, nonce, input.recipientPublicKey, input.senderSecretKey);
  plaintext.fill(0);
  return { roundId: input.roundId, senderId: input.senderId, recipientId: input.recipientId, ciphertext };
}

/**
 * Opens a share addressed to `recipientId` in round `roundId` from `share.senderId`, with the
 * nonce derived from exactly these three; throws {@link ShareDecryptionError} when the box does
 * not open (forged, corrupted, or made for another round, sender or recipient).
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
  if (share.senderId === input.recipientId)
    throw new ShareDecryptionError(`share claims to come from its recipient ${input.recipientId}`);
  if (share.ciphertext.length !== SHARE_CIPHERTEXT_BYTES) {
    throw new ShareDecryptionError(
      `share from client ${share.senderId} is ${share.ciphertext.length} bytes, not ${SHARE_CIPHERTEXT_BYTES}`,
    );
  }
  const nonce = deriveShareNonce(input.roundId, share.senderId, input.recipientId);
  const opened = nacl.box.open(share.ciphertext, nonce, input.senderPublicKey, input.recipientSecretKey);
  if (opened === null) {
    throw new ShareDecryptionError(
      `share from client ${share.senderId} does not open for round ${input.roundId}, client ${input.recipientId} (forged, corrupted, or bound to another round, sender or recipient)`,
    );
  }
  const payload = { selfSeedShare: opened.slice(0, 32), maskKeyShare: opened.slice(32, 64) };
  opened.fill(0);
  return payload;
}
