import nacl from 'tweetnacl';
import { assertBytes, assertClientIndex, assertRoundId } from './argument-checks';
import { concatBytes, encodeDomainTag, encodeRoundId, encodeUint32 } from './byte-encoding';
import { ShareDecryptionError } from './secagg-errors';

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
  /** The sender's cohort index. */
  readonly senderIndex: number;
  /** The recipient's cohort index. */
  readonly recipientIndex: number;
  readonly payload: SharePayload;
  /** Sender's X25519 share-encryption secret key, fresh for this round. */
  readonly senderSecretKey: Uint8Array;
  /** Recipient's advertised X25519 share-encryption public key. */
  readonly recipientPublicKey: Uint8Array;
}

/** Inputs of {@link decryptSharePayload}. */
export interface ShareDecryptionInput {
  /** The box as it arrived (a `secagg-share-delivery` record's ciphertext). */
  readonly ciphertext: Uint8Array;
  readonly roundId: string;
  /** The sender's cohort index (the record's `peer`). */
  readonly senderIndex: number;
  /** The recipient's (the opener's own) cohort index. */
  readonly recipientIndex: number;
  readonly recipientSecretKey: Uint8Array;
  /** The sender's advertised X25519 share-encryption public key. */
  readonly senderPublicKey: Uint8Array;
}

/**
 * The 24-byte nonce of the box from `senderIndex` to `recipientIndex` in round `roundId`:
 * SHA-512(ASCII "edgefl/secagg/v1/share-nonce" || u32le(len(roundId)) || utf8(roundId) ||
 * u32le(senderIndex) || u32le(recipientIndex))[0..24].
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
export function deriveShareNonce(roundId: string, senderIndex: number, recipientIndex: number): Uint8Array {
  assertRoundId(roundId);
  assertClientIndex(senderIndex, 'senderIndex');
  assertClientIndex(recipientIndex, 'recipientIndex');
  if (senderIndex === recipientIndex) throw new RangeError('recipientIndex must differ from senderIndex');
  const material = concatBytes(
    encodeDomainTag(SHARE_NONCE_DOMAIN),
    encodeRoundId(roundId),
    encodeUint32(senderIndex),
    encodeUint32(recipientIndex),
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
 * Encrypts the payload for one neighbour and returns the ciphertext = nacl.box(plaintext,
 * deriveShareNonce(roundId, senderIndex, recipientIndex), recipientPublicKey, senderSecretKey),
 * {@link SHARE_CIPHERTEXT_BYTES} bytes. Deterministic: call it once per (key pair, recipient).
 *
 * @example
 * const ciphertext = encryptSharePayload({ roundId, senderIndex: 1, recipientIndex: 2, payload, senderSecretKey, recipientPublicKey });
 */
export function encryptSharePayload(input: ShareEncryptionInput): Uint8Array {
  assertBytes(input?.senderSecretKey, 32, 'input.senderSecretKey');
  assertBytes(input.recipientPublicKey, 32, 'input.recipientPublicKey');
  const nonce = deriveShareNonce(input.roundId, input.senderIndex, input.recipientIndex);
  const plaintext = encodeSharePlaintext(input.payload);
  const ciphertext = nacl.box(plaintext, nonce, input.recipientPublicKey, input.senderSecretKey);
  plaintext.fill(0);
  return ciphertext;
}

/**
 * Opens a share addressed to `recipientIndex` in round `roundId` from `senderIndex`, with the
 * nonce derived from exactly these three; throws {@link ShareDecryptionError} when the box does
 * not open (forged, corrupted, or made for another round, sender or recipient).
 *
 * @example
 * const { selfSeedShare, maskKeyShare } = decryptSharePayload({ ciphertext, roundId, senderIndex: 1, recipientIndex: 2, recipientSecretKey, senderPublicKey });
 */
export function decryptSharePayload(input: ShareDecryptionInput): SharePayload {
  assertRoundId(input?.roundId, 'input.roundId');
  assertClientIndex(input.recipientIndex, 'input.recipientIndex');
  assertBytes(input.recipientSecretKey, 32, 'input.recipientSecretKey');
  assertBytes(input.senderPublicKey, 32, 'input.senderPublicKey');
  const { ciphertext, senderIndex } = input;
  if (!(ciphertext instanceof Uint8Array)) throw new TypeError('input.ciphertext must be a Uint8Array');
  assertClientIndex(senderIndex, 'input.senderIndex');
  if (senderIndex === input.recipientIndex)
    throw new ShareDecryptionError(`share claims to come from its recipient ${input.recipientIndex}`);
  if (ciphertext.length !== SHARE_CIPHERTEXT_BYTES) {
    throw new ShareDecryptionError(
      `share from client ${senderIndex} is ${ciphertext.length} bytes, not ${SHARE_CIPHERTEXT_BYTES}`,
    );
  }
  const nonce = deriveShareNonce(input.roundId, senderIndex, input.recipientIndex);
  const opened = nacl.box.open(ciphertext, nonce, input.senderPublicKey, input.recipientSecretKey);
  if (opened === null) {
    throw new ShareDecryptionError(
      `share from client ${senderIndex} does not open for round ${input.roundId}, client ${input.recipientIndex} (forged, corrupted, or bound to another round, sender or recipient)`,
    );
  }
  const payload = { selfSeedShare: opened.slice(0, 32), maskKeyShare: opened.slice(32, 64) };
  opened.fill(0);
  return payload;
}
