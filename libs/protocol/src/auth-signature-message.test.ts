import { AUTH_SIGNATURE_DOMAIN, authSignatureMessage } from './auth-signature-message';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('authSignatureMessage', () => {
  it('lays out domain || nonce || clientId (frozen vector)', () => {
    const nonce = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(hex(authSignatureMessage(nonce, 'c-1'))).toBe(
      '65646765666c2f617574682f7631' + '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f' + '632d31',
    );
    expect(AUTH_SIGNATURE_DOMAIN).toBe('edgefl/auth/v1');
  });

  it('names the bad argument', () => {
    expect(() => authSignatureMessage(new Uint8Array(31), 'c')).toThrow(/nonce/);
    expect(() => authSignatureMessage(new Uint8Array(32), '')).toThrow(/clientId/);
  });
});
