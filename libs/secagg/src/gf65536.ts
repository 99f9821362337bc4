/**
 * Arithmetic in GF(2^16) = GF(2)[x] / (x^16 + x^12 + x^3 + x + 1), the field of the Shamir shares.
 * The polynomial 0x1100B is primitive (x generates all 65535 non-zero elements; the test checks
 * it), so multiplication and division go through log/antilog tables. Addition is XOR.
 * Internal to the lib: not re-exported from the index.
 */

/** The reduction polynomial, bit i = coefficient of x^i. */
export const GF65536_POLYNOMIAL = 0x1100b;
const GROUP_ORDER = 65535;

const antilog = new Uint16Array(2 * GROUP_ORDER);
const log = new Uint16Array(65536);
{
  let value = 1;
  for (let power = 0; power < GROUP_ORDER; power++) {
    antilog[power] = value;
    log[value] = power;
    value <<= 1;
    if (value & 0x10000) value ^= GF65536_POLYNOMIAL;
  }
  // Doubled so a sum of two logs needs no reduction.
  for (let power = GROUP_ORDER; power < 2 * GROUP_ORDER; power++) antilog[power] = antilog[power - GROUP_ORDER];
}

/** x^power, exposed for the primitivity test. */
export function gfPowerOfX(power: number): number {
  return antilog[power % GROUP_ORDER];
}

export function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return antilog[log[a] + log[b]];
}

export function gfDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('division by zero in GF(2^16)');
  if (a === 0) return 0;
  return antilog[log[a] + GROUP_ORDER - log[b]];
}
