import type { RoundStage } from './round-stage';

/**
 * Client-to-coordinator messages of a secure round, each acked with `accepted` or an error
 * (code `secagg-violation` for a message that breaks the stage's rules). Byte layouts inside
 * signatures and ciphertexts are in docs/SECAGG.md; the wire fields in docs/PROTOCOL.md.
 */

/** A signed advertisement of a client's two fresh X25519 public keys for one round. */
export interface SecAggAdvertisement {
  /** The advertiser's 1-based cohort index. */
  clientIndex: number;
  /** X25519 public key for the boxes that carry Shamir shares (32 bytes). */
  shareKey: Uint8Array;
  /** X25519 public key for the pairwise mask seeds (32 bytes). */
  maskKey: Uint8Array;
  /** Ed25519 detached signature by the registered identity key (64 bytes). */
  signature: Uint8Array;
}

/** AdvertiseKeys: sent as soon as the task arrives. */
export interface SecAggAdvertiseMessage extends SecAggAdvertisement {
  type: 'secagg-advertise';
  roundId: string;
}

/** One encrypted share, sender to recipient; the coordinator only routes it. */
export interface SecAggEncryptedShare {
  /** Recipient index (in `secagg-shares`) or sender index (in `secagg-share-delivery`). */
  peer: number;
  /** nacl.box ciphertext, 80 bytes (SHARE_CIPHERTEXT_BYTES); its nonce is derived, not sent. */
  ciphertext: Uint8Array;
}

/** ShareKeys: one encrypted share per advertised neighbour. */
export interface SecAggSharesMessage {
  type: 'secagg-shares';
  roundId: string;
  clientIndex: number;
  /** The shares as one binary of share records (`peer` = recipient), see encodeShareRecords. */
  shares: Uint8Array;
}

/** A `secagg-shares` as parseSecAggSharesMessage returns it: the records decoded. */
export interface ParsedSecAggShares extends Omit<SecAggSharesMessage, 'shares'> {
  shares: SecAggEncryptedShare[];
}

/** MaskedInput: y = x + masks mod 2^m, bit-packed at m bits per element. */
export interface SecAggMaskedInputMessage {
  type: 'secagg-masked-input';
  roundId: string;
  clientIndex: number;
  /** ceil(L * m / 8) bytes (docs/SECAGG.md, "Masked vector packing"). */
  maskedVector: Uint8Array;
}

/**
 * ConsistencyCheck: the client's Ed25519 signature (identity key) over the survivor set of its
 * `secagg-consistency` (signed bytes: docs/SECAGG.md, "Consistency check").
 */
export interface SecAggSignatureMessage {
  type: 'secagg-signature';
  roundId: string;
  clientIndex: number;
  /** 64 bytes. */
  signature: Uint8Array;
}

/** A share of another client's secret that the sender holds. */
export interface SecAggOwnedShare {
  /** Index of the client whose secret this is a share of. */
  owner: number;
  /** 32 bytes. */
  share: Uint8Array;
}

/** Unmask: self-seed shares of the surviving peers, mask-key shares of the dropped ones. */
export interface SecAggRevealMessage {
  type: 'secagg-reveal';
  roundId: string;
  clientIndex: number;
  /** Owned-share records (see encodeOwnedShareRecords). */
  selfSeedShares: Uint8Array;
  maskKeyShares: Uint8Array;
}

/** A `secagg-reveal` as parseSecAggRevealMessage returns it: the records decoded. */
export interface ParsedSecAggReveal extends Omit<SecAggRevealMessage, 'selfSeedShares' | 'maskKeyShares'> {
  selfSeedShares: SecAggOwnedShare[];
  maskKeyShares: SecAggOwnedShare[];
}

/** Any stage: the client abandons the round (e.g. it refused an unmask request). */
export interface SecAggAbortMessage {
  type: 'secagg-abort';
  roundId: string;
  /** The stage the client was in. */
  stage: RoundStage;
  reason: string;
}

/** What a `secagg-complaint` reports; `share-box`: the encrypted share a neighbour sent this client does not open. */
export type SecAggComplaintKind = 'share-box';

/**
 * MaskedInput (or whenever the client finds out): the client blames neighbours by cohort index,
 * then aborts (`secagg-abort`). The coordinator cannot check the claim; it counts it as a dispute
 * (docs/PROTOCOL.md, "Complaints").
 */
export interface SecAggComplaintMessage {
  type: 'secagg-complaint';
  roundId: string;
  /** The complainer's own cohort index. */
  clientIndex: number;
  /** Distinct neighbours' cohort indices, 1 to 65535 of them. */
  accused: number[];
  kind: SecAggComplaintKind;
}

/** Every client-to-coordinator secure-aggregation message. */
export type SecAggClientMessage =
  | SecAggAdvertiseMessage
  | SecAggSharesMessage
  | SecAggMaskedInputMessage
  | SecAggSignatureMessage
  | SecAggRevealMessage
  | SecAggAbortMessage
  | SecAggComplaintMessage;
