import type { ClientRegistryStore } from './client-registry-store';
import type { RegisteredClient } from './registered-client';
import { assertExpireOptions, assertRegisterArguments } from './assert-client-registry-arguments';

/**
 * The client registry in memory: what a coordinator without a state dir uses, so that a client
 * id is bound to its identity key on first use for the life of the process (the same contract as
 * the SQLite registry, lost on exit).
 *
 * @example
 * const registry = new MemoryClientRegistry();
 * await registry.registerClient('phone-17', { identityKey: publicKey });
 */
export class MemoryClientRegistry implements ClientRegistryStore {
  private readonly clients = new Map<string, RegisteredClient>();

  /** Clients held now. */
  get size(): number {
    return this.clients.size;
  }

  async registerClient(
    clientId: string,
    options: { identityKey?: Uint8Array; at?: number } = {},
  ): Promise<RegisteredClient> {
    const { identityKey, at } = assertRegisterArguments(clientId, options);
    const existing = this.clients.get(clientId);
    if (!existing) {
      const client: RegisteredClient = { clientId, enrolledAt: at, lastSeenAt: at };
      if (identityKey) client.identityKey = identityKey.slice();
      this.clients.set(clientId, client);
      return copy(client);
    }
    if (identityKey && existing.identityKey && !sameBytes(identityKey, existing.identityKey)) {
      throw new Error(`options.identityKey does not match the key pinned for client ${clientId}`);
    }
    if (identityKey && !existing.identityKey) existing.identityKey = identityKey.slice();
    existing.lastSeenAt = Math.max(existing.lastSeenAt, at);
    return copy(existing);
  }

  async getClient(clientId: string): Promise<RegisteredClient | undefined> {
    assertRegisterArguments(clientId, {});
    const client = this.clients.get(clientId);
    return client && copy(client);
  }

  async listClients(): Promise<RegisteredClient[]> {
    return [...this.clients.values()]
      .sort((a, b) => a.enrolledAt - b.enrolledAt || compare(a.clientId, b.clientId))
      .map(copy);
  }

  async expireClients(options: { seenBefore: number; keep: number }): Promise<number> {
    const { seenBefore, keep } = assertExpireOptions(options);
    const before = this.clients.size;
    for (const [clientId, client] of this.clients) if (client.lastSeenAt < seenBefore) this.clients.delete(clientId);
    if (this.clients.size > keep) {
      // Map order is enrollment order: among equal sightings the later enrolled is kept.
      const newestFirst = [...this.clients.values()].map((client, order) => ({ client, order }));
      newestFirst.sort((a, b) => b.client.lastSeenAt - a.client.lastSeenAt || b.order - a.order);
      for (const { client } of newestFirst.slice(keep)) this.clients.delete(client.clientId);
    }
    return before - this.clients.size;
  }
}

function copy(client: RegisteredClient): RegisteredClient {
  return client.identityKey ? { ...client, identityKey: client.identityKey.slice() } : { ...client };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
