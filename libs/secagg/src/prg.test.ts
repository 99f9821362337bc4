import nacl from 'tweetnacl';
import { prgExpand } from './prg';
import { patternBytes } from './testing/test-bytes';
import { xsalsa20Keystream } from './xsalsa20-keystream';

const seed = patternBytes(32, (i) => i);

describe('prgExpand', () => {
  it('matches the frozen vectors (docs/SECAGG.md)', () => {
    expect(Array.from(prgExpand(seed, 8, 32))).toEqual([
      852181409, 1809695302, 3752769787, 4039828142, 4258645974, 2717690738, 3183156462, 3700229524,
    ]);
    expect(Array.from(prgExpand(seed, 8, 8))).toEqual([161, 70, 251, 174, 214, 114, 238, 148]);
    expect(Array.from(prgExpand(seed, 8, 20))).toEqual([
      737697, 901702, 964859, 713390, 378838, 830322, 728302, 853396,
    ]);
    expect(Array.from(prgExpand(new Uint8Array(32), 4, 32))).toEqual([3743837882, 3483512395, 1674826340, 4105511782]);
  });

  it('is the XSalsa20 keystream that nacl.secretbox uses (cross-check through the public API)', () => {
    // secretbox(m) = tag(16) || m XOR keystream[32..]: with m = zeros it exposes keystream bytes 32..
    const nonce = new Uint8Array(24);
    const boxed = nacl.secretbox(new Uint8Array(64), nonce, seed);
    expect(boxed.subarray(16)).toEqual(xsalsa20Keystream(seed, nonce, 96).subarray(32));
  });

  it('takes the low m bits of little-endian words, and longer outputs extend shorter ones', () => {
    const full = prgExpand(seed, 100, 32);
    const low = prgExpand(seed, 100, 13);
    full.forEach((word, i) => expect(low[i]).toBe(word & 0x1fff));
    expect(prgExpand(seed, 40, 32)).toEqual(full.subarray(0, 40));
    expect(prgExpand(seed, 0, 8)).toHaveLength(0);
  });

  it('names bad arguments', () => {
    expect(() => prgExpand(new Uint8Array(16), 4, 8)).toThrow(/seed/);
    expect(() => prgExpand(seed, -1, 8)).toThrow(/length/);
    expect(() => prgExpand(seed, 4, 33)).toThrow(/modulusBits/);
  });
});
