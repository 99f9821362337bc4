import type { ClientRegistryStore } from '../client-registry-store';

/**
 * The behaviour every ClientRegistryStore must show, run against each implementation (memory,
 * SQLite) from its own test file.
 */
export function describeClientRegistryContract(
  name: string,
  open: () => Promise<ClientRegistryStore & { close?: () => Promise<void> }>,
): void {
  describe(`ClientRegistryStore contract: ${name}`, () => {
    let store: ClientRegistryStore & { close?: () => Promise<void> };
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close?.();
    });

    it('pins the first identity key, refuses another one, and hands out copies', async () => {
      const key = new Uint8Array(32).fill(7);
      expect(await store.registerClient('a', { at: 10 })).toEqual({ clientId: 'a', enrolledAt: 10, lastSeenAt: 10 });
      expect(await store.registerClient('a', { identityKey: key, at: 20 })).toEqual({
        clientId: 'a',
        identityKey: key,
        enrolledAt: 10,
        lastSeenAt: 20,
      });
      await expect(store.registerClient('a', { identityKey: new Uint8Array(32), at: 30 })).rejects.toThrow(
        /identityKey/,
      );
      const got = await store.getClient('a');
      got!.identityKey![0] = 0;
      expect((await store.getClient('a'))?.identityKey).toEqual(key);
      expect((await store.getClient('a'))?.lastSeenAt).toBe(20);
      await expect(store.registerClient('')).rejects.toThrow(/clientId/);
    });

    it('expires clients not seen since a time, then keeps the most recently seen', async () => {
      for (let i = 0; i < 10; i++) await store.registerClient(`c${i}`, { at: 100 + i });
      await store.registerClient('c0', { at: 200 });
      expect(await store.expireClients({ seenBefore: 103, keep: 100 })).toBe(2);
      expect((await store.listClients()).map((c) => c.clientId)).toEqual([
        'c0',
        'c3',
        'c4',
        'c5',
        'c6',
        'c7',
        'c8',
        'c9',
      ]);
      expect(await store.expireClients({ seenBefore: 0, keep: 3 })).toBe(5);
      expect((await store.listClients()).map((c) => c.clientId)).toEqual(['c0', 'c8', 'c9']);
      expect(await store.expireClients({ seenBefore: 0, keep: 3 })).toBe(0);
      await expect(store.expireClients({ seenBefore: 0, keep: -1 })).rejects.toThrow(
        'options.keep must be a non-negative integer, got -1',
      );
      // Among equal sightings the later enrolled is kept.
      for (const clientId of ['z', 'y', 'x']) await store.registerClient(clientId, { at: 500 });
      await store.expireClients({ seenBefore: 0, keep: 2 });
      expect((await store.listClients()).map((c) => c.clientId)).toEqual(['x', 'y']);
      expect(await store.expireClients({ seenBefore: Number.POSITIVE_INFINITY, keep: 10 })).toBe(2);
      expect(await store.listClients()).toEqual([]);
    });
  });
}
