import { createPublicKey, verify } from 'node:crypto';
import nacl from 'tweetnacl';
import { SignatureError } from './secagg-errors';
import { encodeSurvivorSetForSignature, signSurvivorSet, verifySurvivorSetSignature } from './survivor-set-signature';
import { patternBytes, toHex } from './testing/test-bytes';

const identity = nacl.sign.keyPair.fromSeed(patternBytes(32, (i) => i));
const statement = { roundId: 'round-7', clientIndex: 3, survivors: [5, 1, 3, 10] };

describe('survivor set signature (ConsistencyCheck)', () => {
  it('signs the frozen encoding with the frozen signature (docs/SECAGG.md)', () => {
    expect(toHex(encodeSurvivorSetForSignature(statement))).toBe(
      '65646765666c2f7365636167672f76312f636f6e73697374656e637907000000726f756e642d3703000000040000000100030005000a00',
    );
    const signed = signSurvivorSet(statement, identity.secretKey);
    expect(signed.roundId).toBe('round-7');
    expect(signed.clientIndex).toBe(3);
    expect(toHex(signed.signature)).toBe(
      'fc52f70017681a6f1f23f1721beb4dc64cf3307b1c3a292fe5d262b49ef9ea3659028f803a0b6f115f1ec97773f7c0a2ca58d7272e510cba10130cf23684210b',
    );
    expect(() => verifySurvivorSetSignature(signed, [1, 3, 5, 10], identity.publicKey)).not.toThrow();
  });

  it('is plain Ed25519 (cross-checked with node:crypto) over a canonical, order-free encoding of the set', () => {
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), identity.publicKey]);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const { signature } = signSurvivorSet(statement, identity.secretKey);
    expect(verify(null, encodeSurvivorSetForSignature(statement), publicKey, signature)).toBe(true);
    expect(encodeSurvivorSetForSignature({ ...statement, survivors: [10, 5, 3, 1] })).toEqual(
      encodeSurvivorSetForSignature(statement),
    );
  });

  it('throws SignatureError for another set, round or signer, or a forger', () => {
    const signed = signSurvivorSet(statement, identity.secretKey);
    expect(() => verifySurvivorSetSignature(signed, [1, 3, 5], identity.publicKey)).toThrow(SignatureError);
    expect(() => verifySurvivorSetSignature(signed, [1, 3, 5, 10, 11], identity.publicKey)).toThrow(SignatureError);
    expect(() =>
      verifySurvivorSetSignature({ ...signed, roundId: 'round-8' }, statement.survivors, identity.publicKey),
    ).toThrow(SignatureError);
    expect(() =>
      verifySurvivorSetSignature({ ...signed, clientIndex: 4 }, statement.survivors, identity.publicKey),
    ).toThrow(SignatureError);
    const forged = signSurvivorSet(statement, nacl.sign.keyPair().secretKey);
    expect(() => verifySurvivorSetSignature(forged, statement.survivors, identity.publicKey)).toThrow(SignatureError);
    expect(() =>
      verifySurvivorSetSignature({ ...signed, signature: new Uint8Array(63) }, statement.survivors, identity.publicKey),
    ).toThrow(SignatureError);
  });

  it('names bad arguments', () => {
    expect(() => encodeSurvivorSetForSignature({ ...statement, roundId: '' })).toThrow(/roundId/);
    expect(() => encodeSurvivorSetForSignature({ ...statement, clientIndex: 0 })).toThrow(/clientIndex/);
    expect(() => encodeSurvivorSetForSignature({ ...statement, survivors: [1, 1] })).toThrow(/survivors/);
    expect(() => encodeSurvivorSetForSignature({ ...statement, survivors: [] })).toThrow(/survivors/);
    expect(() => encodeSurvivorSetForSignature({ ...statement, survivors: [65536] })).toThrow(/survivors/);
    expect(() => signSurvivorSet(statement, new Uint8Array(32))).toThrow(/identitySecretKey/);
    expect(() =>
      verifySurvivorSetSignature(
        signSurvivorSet(statement, identity.secretKey),
        statement.survivors,
        new Uint8Array(3),
      ),
    ).toThrow(/identityPublicKey/);
  });
});
