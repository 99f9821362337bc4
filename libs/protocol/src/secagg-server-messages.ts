import type { SecAggAdvertisement, SecAggEncryptedShare } from './secagg-client-messages';

/** Coordinator-to-client messages of a secure round (docs/PROTOCOL.md, "Secure aggregation stages"). */

/** End of AdvertiseKeys: the advertisements of the client's neighbours that advertised. */
export interface SecAggAdvertsMessage {
  type: 'secagg-adverts';
  roundId: string;
  /** Advertisement records (see encodeAdvertisementRecords). */
  advertisements: Uint8Array;
}

/** A `secagg-adverts` as parseSecAggAdvertsMessage returns it. */
export interface ParsedSecAggAdverts extends Omit<SecAggAdvertsMessage, 'advertisements'> {
  advertisements: SecAggAdvertisement[];
}

/** End of ShareKeys: the encrypted shares addressed to the client (`peer` = sender index). */
export interface SecAggShareDeliveryMessage {
  type: 'secagg-share-delivery';
  roundId: string;
  /** Share records, `peer` = sender (see encodeShareRecords). */
  shares: Uint8Array;
}

/** A `secagg-share-delivery` as parseSecAggShareDeliveryMessage returns it. */
export interface ParsedSecAggShareDelivery extends Omit<SecAggShareDeliveryMessage, 'shares'> {
  shares: SecAggEncryptedShare[];
}

/** End of MaskedInput, with the consistency check: the survivor set U3 each survivor is asked to sign. */
export interface SecAggConsistencyMessage {
  type: 'secagg-consistency';
  roundId: string;
  /** U3: every client whose masked input the coordinator took, ascending indices. */
  survivors: number[];
}

/** One client's signature on a survivor set, as a consistency delivery carries it. */
export interface SecAggSurvivorSignature {
  /** The signer's cohort index. */
  clientIndex: number;
  /** Ed25519 over the survivor-set encoding, by the signer's identity key (64 bytes). */
  signature: Uint8Array;
}

/** What a signer checks before it reveals: U3 again and its neighbours' signatures on it. */
export interface SecAggConsistencyDelivery {
  /** The survivor set the client was asked to sign; it must be exactly that one. */
  survivors: number[];
  /** Signature records of the client's neighbours that signed (see encodeSignatureRecords). */
  signatures: Uint8Array;
}

/** The delivery as parseSecAggUnmaskMessage returns it: the records decoded. */
export interface ParsedSecAggConsistencyDelivery extends Omit<SecAggConsistencyDelivery, 'signatures'> {
  signatures: SecAggSurvivorSignature[];
}

/**
 * End of MaskedInput (or of ConsistencyCheck): which of the client's sharing peers survived and
 * which dropped, and, in rounds with the consistency check, the delivery to check first.
 */
export interface SecAggUnmaskMessage {
  type: 'secagg-unmask';
  roundId: string;
  survivors: number[];
  dropouts: number[];
  /** Present exactly when the round runs the consistency check. */
  consistency?: SecAggConsistencyDelivery;
}

/** A `secagg-unmask` as parseSecAggUnmaskMessage returns it. */
export interface ParsedSecAggUnmask extends Omit<SecAggUnmaskMessage, 'consistency'> {
  consistency?: ParsedSecAggConsistencyDelivery;
}

/** Every coordinator-to-client secure-aggregation message. */
export type SecAggServerMessage =
  SecAggAdvertsMessage | SecAggShareDeliveryMessage | SecAggConsistencyMessage | SecAggUnmaskMessage;
