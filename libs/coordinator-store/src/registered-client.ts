/** A client the coordinator has enrolled; the identity key is pinned for later authentication. */
export interface RegisteredClient {
  clientId: string;
  /** Public identity key (e.g. Ed25519, 32 bytes), pinned at first enrollment; undefined until one is given. */
  identityKey?: Uint8Array;
  /** Milliseconds since the epoch when the client was first enrolled. */
  enrolledAt: number;
  /** Milliseconds since the epoch of the last enrollment or sighting. */
  lastSeenAt: number;
}
