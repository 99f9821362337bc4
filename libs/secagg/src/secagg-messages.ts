import { RoundStage } from '@edgefl/protocol';

/**
 * Message shapes of each secagg stage, binary fields as Uint8Array. The protocol lib mirrors
 * these; the byte layouts inside signatures and ciphertexts are in docs/SECAGG.md.
 * Ids are 1-based cohort positions (they double as Shamir share indices).
 */

/** Setup, server -> client: everything a client needs to run its session. */
export interface SecAggSetup {
  readonly roundId: string;
  readonly clientId: number;
  readonly config: SecAggClientConfig;
}

/** The round parameters one client sees. */
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
  /** This client's neighbours on the graph, ascending ids, itself excluded. */
  readonly neighbours: readonly number[];
  /**
   * Run the ConsistencyCheck stage between MaskedInput and Unmask (default false). A client must set
   * this from its OWN policy, not copy it from the coordinator: a malicious coordinator would simply
   * turn it off. When on, `unmask` reveals only after `checkConsistency` passed.
   */
  readonly consistencyCheck?: boolean;
}

/** AdvertiseKeys, client -> server -> neighbours: the two fresh X25519 public keys, signed (Ed25519). */
export interface KeyAdvertisement {
  readonly roundId: string;
  readonly clientId: number;
  /** X25519 public key for nacl.box of the shares (32 bytes). */
  readonly shareEncryptionPublicKey: Uint8Array;
  /** X25519 public key for the pairwise mask seeds (32 bytes). */
  readonly maskAgreementPublicKey: Uint8Array;
  /** nacl.sign.detached over the advertisement encoding, by the long-term identity key (64 bytes). */
  readonly signature: Uint8Array;
}

/** AdvertiseKeys, server -> client: the advertisements of the client's neighbours that advertised. */
export interface NeighbourAdvertisements {
  readonly roundId: string;
  readonly advertisements: readonly KeyAdvertisement[];
}

/** ShareKeys: one nacl.box of Shamir shares from sender to recipient; the server only routes it. */
export interface EncryptedShare {
  readonly roundId: string;
  readonly senderId: number;
  readonly recipientId: number;
  /** nacl.box(shares) under the derived nonce of (roundId, senderId, recipientId): SHARE_CIPHERTEXT_BYTES = 80 bytes. */
  readonly ciphertext: Uint8Array;
}

/** ShareKeys, client -> server: the sender's encrypted shares, one per advertised neighbour. */
export interface SharesUpload {
  readonly roundId: string;
  readonly senderId: number;
  readonly shares: readonly EncryptedShare[];
}

/** ShareKeys, server -> client: the shares addressed to the client (their senders are its peers from now on). */
export interface SharesDelivery {
  readonly roundId: string;
  readonly shares: readonly EncryptedShare[];
}

/** MaskedInput, client -> server: y packed at modulusBits bits per element (see packMaskedVector). */
export interface MaskedInputUpload {
  readonly roundId: string;
  readonly clientId: number;
  readonly maskedVector: Uint8Array;
}

/** Unmask, server -> client: which of the client's peers survived (sent y) and which dropped after sharing. */
export interface UnmaskRequest {
  readonly survivors: readonly number[];
  readonly dropouts: readonly number[];
}

/** ConsistencyCheck, server -> each survivor: the survivor set U3 (clients whose masked input arrived), to sign. */
export interface ConsistencyRequest {
  readonly roundId: string;
  /** U3: every client whose masked input the server took, ascending ids. */
  readonly survivors: readonly number[];
}

/** ConsistencyCheck, client -> server (and server -> neighbours): Ed25519 over (roundId, signer, survivor set). */
export interface ConsistencySignature {
  readonly roundId: string;
  /** The signer; the signature verifies against this client's identity key. */
  readonly clientId: number;
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

/** A share of another client's secret held by the revealing client (share index = revealer id). */
export interface OwnedShare {
  readonly ownerId: number;
  readonly share: Uint8Array;
}

/** Unmask, client -> server: self-seed shares of survivors, mask-key shares of dropouts. */
export interface RevealedShares {
  readonly roundId: string;
  readonly clientId: number;
  readonly selfSeedShares: readonly OwnedShare[];
  readonly maskKeyShares: readonly OwnedShare[];
}

/** Any stage, either direction: the sender abandons the round. */
export interface SecAggAbort {
  readonly roundId: string;
  readonly stage: RoundStage;
  readonly reason: string;
}
