import { encodeBase64 } from './base64';
import { ed25519KeyWeakness } from './ed25519-key-weakness';
import { parseHelloMessage } from './parse-hello-message';
import { ProtocolError } from './protocol-error';

const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (byte) => parseInt(byte, 16));
const REAL_KEY = hex('03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8');
const hello = (key: Uint8Array) => ({
  type: 'hello',
  protocolVersions: [1],
  agent: { sdk: 'test' },
  identityKey: encodeBase64(key),
});

describe('ed25519KeyWeakness', () => {
  it('refuses every small-order point, with either sign bit', () => {
    const smallOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0000000000000000000000000000000000000000000000000000000000000080',
      '0100000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000080',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
    ];
    for (const key of smallOrder) expect(ed25519KeyWeakness(hex(key))).toBe('small-order');
  });

  it('refuses non-canonical encodings (y >= p)', () => {
    expect(ed25519KeyWeakness(hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'))).toBe(
      'non-canonical',
    );
    expect(ed25519KeyWeakness(hex('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'))).toBe(
      'non-canonical',
    );
    expect(ed25519KeyWeakness(hex('ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'))).toBe(
      'non-canonical',
    );
  });

  it('accepts a real key (the identity of docs/SECAGG.md: nacl.sign.keyPair.fromSeed(00..1f))', () => {
    expect(ed25519KeyWeakness(REAL_KEY)).toBeUndefined();
  });

  it('makes hello refuse a small-order identityKey with invalid-message naming the field', () => {
    expect(() => parseHelloMessage(hello(new Uint8Array(32)))).toThrow(ProtocolError);
    expect(() => parseHelloMessage(hello(new Uint8Array(32)))).toThrow(
      'hello.identityKey must not be a small-order Ed25519 point',
    );
    expect(() =>
      parseHelloMessage(hello(hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'))),
    ).toThrow('hello.identityKey must be a canonical Ed25519 encoding (y < 2^255 - 19)');
    expect(parseHelloMessage(hello(REAL_KEY)).identityKey).toBe(encodeBase64(REAL_KEY));
  });
});
