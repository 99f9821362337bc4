import type { RegisteredClient } from './registered-client';

/**
 * Durable registry of enrolled clients, kept beside the round log so a restarted coordinator still
 * knows who it enrolled (and which identity key each client must prove it holds).
 *
 * Implementers must:
 * - enroll an unknown `clientId` with `enrolledAt = lastSeenAt = at`;
 * - for a known one, move `lastSeenAt` forward to `at` and keep `enrolledAt`;
 * - pin the identity key the first time one is given (trust on first use) and reject a different key
 *   afterwards with an Error naming `identityKey`, leaving the stored client unchanged;
 * - return copies: callers must not be able to change stored keys through returned arrays.
 *
 * @example
 * const store = SqliteRoundStore.open('/var/lib/edgefl');
 * await store.registerClient('phone-17', { identityKey: publicKey, at: Date.now() });
 * (await store.getClient('phone-17'))?.enrolledAt;
 */
export interface ClientRegistryStore {
  /** Enrolls `clientId` or records that it was seen again; resolves with the stored entry. */
  registerClient(clientId: string, options?: { identityKey?: Uint8Array; at?: number }): Promise<RegisteredClient>;
  /** The entry for `clientId`, or undefined when it never enrolled. */
  getClient(clientId: string): Promise<RegisteredClient | undefined>;
  /** Every enrolled client, oldest enrollment first. */
  listClients(): Promise<RegisteredClient[]>;
  /**
   * Forgets clients (their pinned keys too): every one last seen before `seenBefore`, then the
   * least recently seen beyond the `keep` most recently seen (ties: the earlier enrolled goes
   * first). Resolves with how many were removed. Open coordinators call it to keep a registry
   * anyone can write to bounded (docs/THREAT-MODEL.md).
   */
  expireClients(options: { seenBefore: number; keep: number }): Promise<number>;
}
