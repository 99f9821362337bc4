import nacl from 'tweetnacl';
import { authSignatureMessage, encodeBase64 } from '@edgefl/protocol';
import { generateIdentity } from './client-identity';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('generateIdentity', () => {
  it('derives the RFC 8032 test-1 key from its seed and signs challenges verifiably (frozen vector)', () => {
    const seed = Uint8Array.from(
      '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'.match(/../g)!,
      (h) => parseInt(h, 16),
    );
    const identity = generateIdentity(seed);
    expect(hex(identity.publicKey)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const message = authSignatureMessage(new Uint8Array(32), 'phone-1');
    const signature = nacl.sign.detached(message, identity.secretKey);
    expect(nacl.sign.detached.verify(message, signature, identity.publicKey)).toBe(true);
    expect(encodeBase64(identity.publicKey)).toBe('11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
  });

  it('makes distinct random identities', () => {
    expect(generateIdentity().publicKey).not.toEqual(generateIdentity().publicKey);
  });

  it('names a bad seed', () => {
    expect(() => generateIdentity(new Uint8Array(16))).toThrow(/seed/);
  });
});
