import { createPublicKey, verify } from 'node:crypto';
import nacl from 'tweetnacl';
import {
  encodeAdvertisementForSignature,
  generateRoundKeyPairs,
  signKeyAdvertisement,
  verifyKeyAdvertisement,
} from './key-advertisement';
import { SignatureError } from './secagg-errors';
import { patternBytes, toHex } from './testing/test-bytes';

const identity = nacl.sign.keyPair.fromSeed(patternBytes(32, (i) => i));
const keys = {
  roundId: 'round-7',
  clientIndex: 3,
  shareKey: nacl.scalarMult.base(patternBytes(32, (i) => i + 1)),
  maskKey: nacl.scalarMult.base(patternBytes(32, (i) => 0x80 + i)),
};

describe('key advertisement', () => {
  it('signs the frozen encoding with the frozen signature (docs/SECAGG.md)', () => {
    expect(toHex(identity.publicKey)).toBe('03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8');
    expect(toHex(encodeAdvertisementForSignature(keys))).toBe(
      '65646765666c2f7365636167672f76312f61647665727469736507000000726f756e642d370300000007a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c493e82fc74464a59268817623d2053c5eb8e2cc4a988b4fee179ec6b010d531d',
    );
    const advertisement = signKeyAdvertisement(keys, identity.secretKey);
    expect(toHex(advertisement.signature)).toBe(
      '3c6e26c211a662a88df8d3e9c00ea5f21ba7d8961f6eaa1844f49b3e56a68c0a18ec1795551f0702e184967ec3a8b379793f5c043f7c35b906c6ab71cefd7607',
    );
    expect(() => verifyKeyAdvertisement(advertisement, identity.publicKey)).not.toThrow();
  });

  it('is plain Ed25519 (cross-checked with node:crypto)', () => {
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), identity.publicKey]);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const { signature } = signKeyAdvertisement(keys, identity.secretKey);
    expect(verify(null, encodeAdvertisementForSignature(keys), publicKey, signature)).toBe(true);
  });

  it('throws SignatureError on forged, altered or misattributed advertisements', () => {
    const advertisement = signKeyAdvertisement(keys, identity.secretKey);
    const forger = nacl.sign.keyPair();
    expect(() => verifyKeyAdvertisement(signKeyAdvertisement(keys, forger.secretKey), identity.publicKey)).toThrow(
      SignatureError,
    );
    const swapped = { ...advertisement, maskKey: generateRoundKeyPairs().maskAgreement.publicKey };
    expect(() => verifyKeyAdvertisement(swapped, identity.publicKey)).toThrow(SignatureError);
    expect(() => verifyKeyAdvertisement({ ...advertisement, clientIndex: 4 }, identity.publicKey)).toThrow(
      SignatureError,
    );
    expect(() => verifyKeyAdvertisement({ ...advertisement, roundId: 'round-8' }, identity.publicKey)).toThrow(
      SignatureError,
    );
    expect(() =>
      verifyKeyAdvertisement({ ...advertisement, signature: new Uint8Array(10) }, identity.publicKey),
    ).toThrow(SignatureError);
  });

  it('makes two distinct fresh key pairs per round', () => {
    const pairs = generateRoundKeyPairs();
    expect(pairs.shareEncryption.publicKey).not.toEqual(pairs.maskAgreement.publicKey);
    expect(nacl.scalarMult.base(pairs.maskAgreement.secretKey)).toEqual(pairs.maskAgreement.publicKey);
  });

  it('names bad arguments', () => {
    expect(() => encodeAdvertisementForSignature({ ...keys, clientIndex: 0 })).toThrow(/clientIndex/);
    expect(() => encodeAdvertisementForSignature({ ...keys, shareKey: new Uint8Array(3) })).toThrow(/shareKey/);
    expect(() => signKeyAdvertisement(keys, new Uint8Array(32))).toThrow(/identitySecretKey/);
  });
});
