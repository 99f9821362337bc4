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

/** End of MaskedInput: which of the client's sharing peers survived and which dropped. */
export interface SecAggUnmaskMessage {
  type: 'secagg-unmask';
  roundId: string;
  survivors: number[];
  dropouts: number[];
}

/** Every coordinator-to-client secure-aggregation message. */
export type SecAggServerMessage = SecAggAdvertsMessage | SecAggShareDeliveryMessage | SecAggUnmaskMessage;
