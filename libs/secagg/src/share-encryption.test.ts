import nacl from 'tweetnacl';
import { ShareDecryptionError } from './secagg-errors';
import {
  SHARE_CIPHERTEXT_BYTES,
  decryptSharePayload,
  deriveShareNonce,
  encodeSharePlaintext,
  encryptSharePayload,
} from './share-encryption';
import { fromHex, patternBytes, toHex } from './testing/test-bytes';

const payload = { selfSeedShare: patternBytes(32, () => 0xaa), maskKeyShare: patternBytes(32, () => 0xbb) };
const sender = nacl.box.keyPair();
const recipient = nacl.box.keyPair();
const encrypt = (overrides: Partial<Parameters<typeof encryptSharePayload>[0]> = {}) =>
  encryptSharePayload({
    roundId: 'round-7',
    senderIndex: 3,
    recipientIndex: 5,
    payload,
    senderSecretKey: sender.secretKey,
    recipientPublicKey: recipient.publicKey,
    ...overrides,
  });
const openAs = (ciphertext = encrypt(), overrides: Partial<Parameters<typeof decryptSharePayload>[0]> = {}) =>
  decryptSharePayload({
    ciphertext,
    roundId: 'round-7',
    senderIndex: 3,
    recipientIndex: 5,
    recipientSecretKey: recipient.secretKey,
    senderPublicKey: sender.publicKey,
    ...overrides,
  });

describe('share encryption', () => {
  it('derives the frozen nonce and encrypts the frozen box (docs/SECAGG.md)', () => {
    const material = '65646765666c2f7365636167672f76312f73686172652d6e6f6e636507000000726f756e642d370300000005000000';
    expect(toHex(nacl.hash(fromHex(material)).slice(0, 24))).toBe('46ec2af568af0295fb3cfd4b4093f52337d6bac9c119e0a7');
    expect(toHex(deriveShareNonce('round-7', 3, 5))).toBe('46ec2af568af0295fb3cfd4b4093f52337d6bac9c119e0a7');
    expect(toHex(deriveShareNonce('round-7', 5, 3))).toBe('d538cdebc2ba592a32b5f223bed97e02f7ce7c8b007a9df6');
    expect(toHex(encodeSharePlaintext(payload))).toBe('aa'.repeat(32) + 'bb'.repeat(32));
    const senderSecretKey = patternBytes(32, (i) => i + 1);
    const recipientKeys = nacl.box.keyPair.fromSecretKey(patternBytes(32, (i) => 0x80 + i));
    const share = encrypt({ senderSecretKey, recipientPublicKey: recipientKeys.publicKey });
    expect(toHex(share)).toBe(
      'a08c95978598dc6ddd151eb72b33c3f7b37e212e6a1cb23cde76e70b946ad5e1529e30d980a51be0941e69275082e015' +
        '9c7da3da374d872fa889c37849163769b2a0aafa0c2691ee8a728943b653117a',
    );
    const senderPublicKey = nacl.box.keyPair.fromSecretKey(senderSecretKey).publicKey;
    expect(openAs(share, { recipientSecretKey: recipientKeys.secretKey, senderPublicKey })).toEqual(payload);
  });

  it('round-trips in 80 bytes with no nonce on the wire; the two directions of an edge use distinct nonces', () => {
    const share = encrypt();
    expect(share).toHaveLength(SHARE_CIPHERTEXT_BYTES);
    expect(SHARE_CIPHERTEXT_BYTES).toBe(80);
    expect(openAs(share)).toEqual(payload);
    expect(toHex(deriveShareNonce('round-7', 3, 5))).not.toBe(toHex(deriveShareNonce('round-7', 5, 3)));
    expect(toHex(deriveShareNonce('round-7', 3, 5))).not.toBe(toHex(deriveShareNonce('round-8', 3, 5)));
    // A round id ending in an id's bytes cannot alias another (round, sender) thanks to the length prefix.
    expect(toHex(deriveShareNonce('r', 3, 5))).not.toBe(toHex(deriveShareNonce('r\u0003', 3, 5)));
  });

  it('refuses shares bound to another round, sender or recipient, or tampered with', () => {
    const share = encrypt();
    expect(() => openAs(share, { roundId: 'round-8' })).toThrow(ShareDecryptionError);
    expect(() => openAs(share, { senderIndex: 4 })).toThrow(ShareDecryptionError);
    expect(() => openAs(share, { recipientIndex: 6 })).toThrow(ShareDecryptionError);
    expect(() => openAs(share, { senderIndex: 5 })).toThrow(ShareDecryptionError);
    const tampered = share.slice();
    tampered[30] ^= 1;
    expect(() => openAs(tampered)).toThrow(ShareDecryptionError);
    expect(() => openAs(share, { senderPublicKey: nacl.box.keyPair().publicKey })).toThrow(ShareDecryptionError);
    expect(() => openAs(new Uint8Array(20))).toThrow(ShareDecryptionError);
    expect(() => openAs(new Uint8Array(24 + SHARE_CIPHERTEXT_BYTES))).toThrow(ShareDecryptionError);
  });

  it('names bad arguments', () => {
    expect(() => encodeSharePlaintext({ ...payload, maskKeyShare: new Uint8Array(5) })).toThrow(/maskKeyShare/);
    expect(() => openAs(encrypt(), { recipientSecretKey: new Uint8Array(1) })).toThrow(/recipientSecretKey/);
    expect(() => deriveShareNonce('round-7', 3, 3)).toThrow(/recipientIndex/);
    expect(() => deriveShareNonce('', 3, 5)).toThrow(/roundId/);
    expect(() => encrypt({ recipientIndex: 0 })).toThrow(/recipientIndex/);
  });
});
