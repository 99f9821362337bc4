import { MemoryChallengeNonceStore } from './memory-challenge-nonce-store';
import { describeChallengeNonceStoreContract } from './testing/challenge-nonce-store-contract';

let shared = new MemoryChallengeNonceStore();
beforeEach(() => {
  shared = new MemoryChallengeNonceStore();
});
describeChallengeNonceStoreContract('MemoryChallengeNonceStore', async () => shared);

describe('MemoryChallengeNonceStore', () => {
  it('refuses a nonce once its TTL ran out on its clock', async () => {
    let now = 1_000;
    const store = new MemoryChallengeNonceStore(() => now);
    await store.issue(new Uint8Array(32).fill(7), 'phone', 500);
    await store.issue(new Uint8Array(32).fill(8), 'phone', 500);
    now = 1_499;
    expect(await store.consume(new Uint8Array(32).fill(7))).toBe('phone');
    now = 1_500;
    expect(await store.consume(new Uint8Array(32).fill(8))).toBeUndefined();
  });
});
