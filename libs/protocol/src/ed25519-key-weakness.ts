/** Why an Ed25519 public key is refused, or undefined when it is acceptable. */
export type Ed25519KeyWeakness = 'non-canonical' | 'small-order';

const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (byte) => parseInt(byte, 16));

/**
 * Encodings (sign bit cleared) of the points of order 1, 2, 4 and 8 with a canonical y: y = 1
 * (identity), y = p - 1 (order 2), y = 0 (order 4), and the two y of the order-8 points (checked by
 * multiplying each by 8 on the curve, as libsodium's `has_small_order` list).
 */
const SMALL_ORDER_ENCODINGS: readonly Uint8Array[] = [
  hex('0000000000000000000000000000000000000000000000000000000000000000'),
  hex('0100000000000000000000000000000000000000000000000000000000000000'),
  hex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'),
  hex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'),
  hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'),
];

/**
 * Checks a 32-byte Ed25519 public key (RFC 8032 5.1.2 encoding) for the two weaknesses a
 * coordinator must refuse at `hello` (docs/PROTOCOL.md, `hello.identityKey`):
 *
 * - `non-canonical`: y >= p = 2^255 - 19 (the same point has a shorter encoding);
 * - `small-order`: the point has order 1, 2, 4 or 8 (y in the list above, either sign bit): a
 *   signature by such a "key" can verify for many messages without any secret, so it proves
 *   nothing.
 *
 * @example
 * ed25519KeyWeakness(new Uint8Array(32)); // 'small-order'
 */
export function ed25519KeyWeakness(key: Uint8Array): Ed25519KeyWeakness | undefined {
  if (!(key instanceof Uint8Array) || key.length !== 32) throw new TypeError('key must be a 32-byte Uint8Array');
  const y = Uint8Array.from(key);
  y[31] &= 0x7f;
  if (isAtLeastFieldPrime(y)) return 'non-canonical';
  if (SMALL_ORDER_ENCODINGS.some((encoding) => encoding.every((byte, i) => byte === y[i]))) return 'small-order';
  return undefined;
}

/** y (little-endian, top bit clear) >= 2^255 - 19: bytes 1..30 all 0xff, byte 31 0x7f, byte 0 >= 0xed. */
function isAtLeastFieldPrime(y: Uint8Array): boolean {
  if (y[31] !== 0x7f || y[0] < 0xed) return false;
  for (let i = 1; i < 31; i++) if (y[i] !== 0xff) return false;
  return true;
}
