import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from './base64';

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 vector %p -> %p', (plain, encoded) => {
    expect(encodeBase64(new TextEncoder().encode(plain))).toBe(encoded);
    expect(new TextDecoder().decode(decodeBase64(encoded))).toBe(plain);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) =>
        expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes),
      ),
    );
  });

  it('refuses text that is not padded base64', () => {
    for (const bad of ['Zg', 'Zg=', 'Z===', 'Zm9v!', ' Zm9v']) expect(() => decodeBase64(bad)).toThrow(/text/);
  });
});
