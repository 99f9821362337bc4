import type { SecAggAdvertisement, SecAggEncryptedShare, SecAggOwnedShare } from '@edgefl/protocol';

/**
 * What the secagg stages take and return, in the wire's vocabulary (@edgefl/protocol,
 * docs/PROTOCOL.md section 11): `clientIndex` is a 1-based cohort position (it doubles as the
 * Shamir share index), `peer` the other end of an encrypted share, `owner` the client a revealed
 * share belongs to. Where a wire message carries its `roundId` once for a list, an item here may
 * carry it too, so that a signature or box is checked against the round it was made for.
 * Byte layouts inside signatures and ciphertexts are in docs/SECAGG.md.
 */

/** The round parameters one client sees (the protocol's SecureRoundSetup, neighbours as indices). */
export interface SecAggClientConfig {
  /** Cohort size n. */
  readonly cohortSize: number;
  /** Neighbour count k of the graph (>= n-1 means the complete graph: classic SecAgg). */
  readonly neighbourCount: number;
  /** Shamir threshold t: shares needed to rebuild a secret, and the least number of peers to go on with. */
  readonly threshold: number;
  /** Masks and sums live mod 2^modulusBits. */
  readonly modulusBits: number;
  /** Vector length L. */
  readonly vectorLength: number;
  /** This client's neighbours on the graph, ascending indices, itself excluded. */
  readonly neighbours: readonly number[];
  /**
   * Run the ConsistencyCheck stage between MaskedInput and Unmask (default false). A client must set
   * this from its OWN policy, not copy it from the coordinator: a malicious coordinator would simply
   * turn it off. When on, `unmask` reveals only after `checkConsistency` passed.
   */
  readonly consistencyCheck?: boolean;
}

/**
 * AdvertiseKeys, client -> server -> neighbours: the two fresh X25519 public keys (`shareKey` for
 * the share boxes, `maskKey` for the pairwise mask seeds), signed with the identity key (Ed25519),
 * and the round they are for. A `secagg-advertise` message is one; `secagg-adverts` lists them.
 */
export interface KeyAdvertisement extends Readonly<SecAggAdvertisement> {
  readonly roundId: string;
}

/**
 * ShareKeys, client -> server: the sender's encrypted shares, one per advertised neighbour, `peer` =
 * recipient (a `secagg-shares` message as parsed). Each ciphertext is nacl.box under the derived
 * nonce of (roundId, clientIndex, peer): SHARE_CIPHERTEXT_BYTES = 80 bytes. The server only routes them.
 */
export interface SharesUpload {
  readonly roundId: string;
  readonly clientIndex: number;
  readonly shares: readonly SecAggEncryptedShare[];
}

/**
 * ShareKeys, server -> client: the shares addressed to the client, `peer` = sender (a
 * `secagg-share-delivery` message as parsed); their senders are its peers from now on.
 */
export interface SharesDelivery {
  readonly roundId: string;
  readonly shares: readonly SecAggEncryptedShare[];
}

/** Unmask, server -> client: which of the client's peers survived (sent y) and which dropped after sharing. */
export interface UnmaskRequest {
  readonly survivors: readonly number[];
  readonly dropouts: readonly number[];
}

/** ConsistencyCheck, server -> each survivor: the survivor set U3 (clients whose masked input arrived), to sign. */
export interface ConsistencyRequest {
  readonly roundId: string;
  /** U3: every client whose masked input the server took, ascending indices. */
  readonly survivors: readonly number[];
}

/** ConsistencyCheck, client -> server (and server -> neighbours): Ed25519 over (roundId, signer, survivor set). */
export interface ConsistencySignature {
  readonly roundId: string;
  /** The signer; the signature verifies against this client's identity key. */
  readonly clientIndex: number;
  /** nacl.sign.detached over encodeSurvivorSetForSignature (64 bytes). */
  readonly signature: Uint8Array;
}

/** ConsistencyCheck, server -> each signer: the same survivor set and the signatures of the signer's neighbours on it. */
export interface ConsistencyDelivery {
  readonly roundId: string;
  readonly survivors: readonly number[];
  /** Signatures of the recipient's neighbours that signed (at least t are needed); never the recipient's own. */
  readonly signatures: readonly ConsistencySignature[];
}

/** A share of another client's secret held by the revealing client (share index = revealer's index). */
export type OwnedShare = Readonly<SecAggOwnedShare>;

/** Unmask, client -> server: self-seed shares of survivors, mask-key shares of dropouts (a `secagg-reveal` as parsed). */
export interface RevealedShares {
  readonly roundId: string;
  readonly clientIndex: number;
  readonly selfSeedShares: readonly OwnedShare[];
  readonly maskKeyShares: readonly OwnedShare[];
}
