import nacl from 'tweetnacl';
import { ErrorCode, authSignatureMessage } from '@edgefl/protocol';
import type { HelloMessage } from '@edgefl/protocol';
import { EnrollmentGate } from './enrollment-gate';

const agent = { sdk: 'test' };
const identity = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
const identityKey = Buffer.from(identity.publicKey).toString('base64');
const hello = (fields: Partial<HelloMessage> = {}): HelloMessage => ({
  type: 'hello',
  protocolVersions: [1],
  agent,
  ...fields,
});
const codeOf = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return 'ok';
};

describe('EnrollmentGate credentials, challenges and bans (no sockets)', () => {
  it('token mode: admits the token, refuses a missing or wrong one as unauthorized', () => {
    const gate = new EnrollmentGate({ mode: 'token', token: 's3cret' });
    expect(codeOf(() => gate.checkCredentials(hello({ token: 's3cret' })))).toBe('ok');
    expect(codeOf(() => gate.checkCredentials(hello()))).toBe(ErrorCode.Unauthorized);
    expect(codeOf(() => gate.checkCredentials(hello({ token: 's3cret!' })))).toBe(ErrorCode.Unauthorized);
  });

  it('allowlist mode: admits listed keys only', () => {
    const gate = new EnrollmentGate({ mode: 'allowlist', keys: [identity.publicKey] });
    expect(codeOf(() => gate.checkCredentials(hello({ identityKey })))).toBe('ok');
    expect(codeOf(() => gate.checkCredentials(hello()))).toBe(ErrorCode.Unauthorized);
    const other = Buffer.from(nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(8)).publicKey).toString('base64');
    expect(codeOf(() => gate.checkCredentials(hello({ identityKey: other })))).toBe(ErrorCode.Unauthorized);
  });

  it('issues a fresh challenge for a hello with a key (none without), and verifies only the right signature for that client id', () => {
    const gate = new EnrollmentGate();
    expect(gate.challengeFor(hello(), 'phone')).toBeUndefined();
    const first = gate.challengeFor(hello({ identityKey }), 'phone');
    const second = gate.challengeFor(hello({ identityKey }), 'phone');
    if (!first || !second) throw new Error('a hello with an identity key must get a challenge');
    expect(first.message).toMatchObject({ type: 'challenge', clientId: 'phone' });
    expect(Buffer.from(first.pending.nonce).equals(Buffer.from(second.pending.nonce))).toBe(false);
    const sign = (nonce: Uint8Array, clientId: string): Uint8Array =>
      nacl.sign.detached(authSignatureMessage(nonce, clientId), identity.secretKey);
    expect(codeOf(() => gate.verify(first.pending, sign(first.pending.nonce, 'phone')))).toBe('ok');
    // Replayed on another challenge, or made for another id: refused.
    expect(codeOf(() => gate.verify(second.pending, sign(first.pending.nonce, 'phone')))).toBe(ErrorCode.Unauthorized);
    expect(codeOf(() => gate.verify(first.pending, sign(first.pending.nonce, 'tablet')))).toBe(ErrorCode.Unauthorized);
  });

  it('refuses a banned client id as client-banned, at once and at enrollment', async () => {
    const gate = new EnrollmentGate();
    await gate.enroll('phone', undefined);
    gate.ban('phone');
    expect(codeOf(() => gate.assertNotBanned('phone'))).toBe(ErrorCode.ClientBanned);
    expect(codeOf(() => gate.assertNotBanned('tablet'))).toBe('ok');
  });

  it('names a bad mode', () => {
    expect(() => new EnrollmentGate({ mode: 'token', token: '' })).toThrow('mode.token must be a non-empty string');
    expect(() => new EnrollmentGate({ mode: 'allowlist', keys: [] })).toThrow('mode.keys must hold at least one key');
  });
});
