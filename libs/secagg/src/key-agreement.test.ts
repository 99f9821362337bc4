import { createHash } from 'node:crypto';
import nacl from 'tweetnacl';
import { derivePairwiseSeed, encodePairwiseSeedMaterial } from './key-agreement';
import { patternBytes, toHex } from './testing/test-bytes';

const secretA = patternBytes(32, (i) => i + 1);
const secretB = patternBytes(32, (i) => 0x80 + i);
const publicA = nacl.scalarMult.base(secretA);
const publicB = nacl.scalarMult.base(secretB);

describe('derivePairwiseSeed', () => {
  it('matches the frozen vector (docs/SECAGG.md)', () => {
    expect(toHex(publicA)).toBe('07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c');
    expect(toHex(publicB)).toBe('493e82fc74464a59268817623d2053c5eb8e2cc4a988b4fee179ec6b010d531d');
    const shared = nacl.scalarMult(secretA, publicB);
    expect(toHex(shared)).toBe('5266019be756db8c25a94f398234f82d8fc04c95ca6375587edaf39ce04cc631');
    expect(toHex(encodePairwiseSeedMaterial('round-7', 5, 3, shared))).toBe(
      '65646765666c2f7365636167672f76312f706169727769736507000000726f756e642d3703000000050000005266019be756db8c25a94f398234f82d8fc04c95ca6375587edaf39ce04cc631',
    );
    const seed = derivePairwiseSeed({
      roundId: 'round-7',
      ownId: 3,
      peerId: 5,
      ownSecretKey: secretA,
      peerPublicKey: publicB,
    });
    expect(toHex(seed)).toBe('0ef184904a6099c2f023f41d46558201a81028e892b31c2d263dfc44c77fc10d');
  });

  it('is the same from both ends and is SHA-512 (cross-checked with node:crypto) of the material', () => {
    const fromA = derivePairwiseSeed({
      roundId: 'round-7',
      ownId: 3,
      peerId: 5,
      ownSecretKey: secretA,
      peerPublicKey: publicB,
    });
    const fromB = derivePairwiseSeed({
      roundId: 'round-7',
      ownId: 5,
      peerId: 3,
      ownSecretKey: secretB,
      peerPublicKey: publicA,
    });
    expect(fromB).toEqual(fromA);
    const material = encodePairwiseSeedMaterial('round-7', 3, 5, nacl.scalarMult(secretB, publicA));
    expect(toHex(fromA)).toBe(createHash('sha512').update(material).digest('hex').slice(0, 64));
  });

  it('separates rounds and pairs', () => {
    const base = { ownId: 3, peerId: 5, ownSecretKey: secretA, peerPublicKey: publicB };
    const seed = derivePairwiseSeed({ ...base, roundId: 'round-7' });
    expect(derivePairwiseSeed({ ...base, roundId: 'round-8' })).not.toEqual(seed);
    expect(derivePairwiseSeed({ ...base, peerId: 6, roundId: 'round-7' })).not.toEqual(seed);
  });

  it('rejects a low-order peer key and names bad arguments', () => {
    const input = { roundId: 'r', ownId: 1, peerId: 2, ownSecretKey: secretA, peerPublicKey: new Uint8Array(32) };
    expect(() => derivePairwiseSeed(input)).toThrow(/low-order/);
    expect(() => derivePairwiseSeed({ ...input, peerId: 1 })).toThrow(/peerId/);
    expect(() => derivePairwiseSeed({ ...input, ownId: 0 })).toThrow(/ownId/);
    expect(() => derivePairwiseSeed({ ...input, roundId: '' })).toThrow(/roundId/);
    expect(() => derivePairwiseSeed({ ...input, ownSecretKey: new Uint8Array(31) })).toThrow(/ownSecretKey/);
  });
});
