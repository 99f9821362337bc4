import nacl from 'tweetnacl';
import { ShareDecryptionError } from './secagg-errors';
import { decryptSharePayload, encodeSharePlaintext, encryptSharePayload } from './share-encryption';
import { patternBytes, toHex } from './test-bytes';

const payload = { selfSeedShare: patternBytes(32, () => 0xaa), maskKeyShare: patternBytes(32, () => 0xbb) };
const sender = nacl.box.keyPair();
const recipient = nacl.box.keyPair();
const encrypt = () =>
  encryptSharePayload({ roundId: 'round-7', senderId: 3, recipientId: 5, payload, senderSecretKey: sender.secretKey, recipientPublicKey: recipient.publicKey });
const openAs = (share = encrypt(), overrides: Partial<Parameters<typeof decryptSharePayload>[0]> = {}) =>
  decryptSharePayload({
    share,
    roundId: 'round-7',
    recipientId: 5,
    recipientSecretKey: recipient.secretKey,
    senderPublicKey: sender.publicKey,
    ...overrides,
  });

describe('share encryption', () => {
  it('encodes the frozen plaintext (docs/SECAGG.md)', () => {
    expect(toHex(encodeSharePlaintext('round-7', 3, 5, payload))).toBe(
      '65646765666c2f7365636167672f76312f73686172657307000000726f756e642d370300000005000000' + 'aa'.repeat(32) + 'bb'.repeat(32),
    );
  });

  it('round-trips, with a fresh random nonce prepended each time', () => {
    const share = encrypt();
    expect(share.ciphertext).toHaveLength(24 + 16 + 99 + 7);
    expect(openAs(share)).toEqual(payload);
    expect(encrypt().ciphertext.subarray(0, 24)).not.toEqual(share.ciphertext.subarray(0, 24));
  });

  it('refuses shares bound to another round, sender or recipient, or tampered with', () => {
    const share = encrypt();
    expect(() => openAs(share, { roundId: 'round-8' })).toThrow(ShareDecryptionError);
    expect(() => openAs({ ...share, senderId: 4 })).toThrow(ShareDecryptionError);
    expect(() => openAs(share, { recipientId: 6 })).toThrow(ShareDecryptionError);
    const tampered = share.ciphertext.slice();
    tampered[30] ^= 1;
    expect(() => openAs({ ...share, ciphertext: tampered })).toThrow(ShareDecryptionError);
    expect(() => openAs(share, { senderPublicKey: nacl.box.keyPair().publicKey })).toThrow(ShareDecryptionError);
    expect(() => openAs({ ...share, ciphertext: new Uint8Array(20) })).toThrow(ShareDecryptionError);
  });

  it('names bad arguments', () => {
    expect(() => encodeSharePlaintext('round-7', 3, 5, { ...payload, maskKeyShare: new Uint8Array(5) })).toThrow(/maskKeyShare/);
    expect(() => openAs(encrypt(), { recipientSecretKey: new Uint8Array(1) })).toThrow(/recipientSecretKey/);
  });
});
