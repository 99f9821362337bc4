import { assertBytes, assertClientIndex } from './argument-checks';
import { gfDiv, gfMul } from './gf65536';
import { ReconstructionError } from './secagg-errors';
import { SHAMIR_SECRET_BYTES, type ShamirShare } from './shamir-secret-sharing';

/** What {@link robustShamirCombine} rebuilt, and whose shares it had to correct. */
export interface RobustCombineResult {
  readonly secret: Uint8Array;
  /** Holder indices whose share disagrees with the decoded polynomial (in any word), ascending. */
  readonly wrongShareHolders: readonly number[];
}

const WORDS = SHAMIR_SECRET_BYTES / 2;

/**
 * Rebuilds a Shamir secret (shamir-secret-sharing.ts) from N >= t shares of which up to
 * e = floor((N - t) / 2) may be wrong, and names the holders of the wrong ones: each 16-bit word
 * is a Reed-Solomon codeword of dimension t and length N over GF(2^16), decoded with
 * Berlekamp-Welch (Welch and Berlekamp 1986; docs/SECAGG.md, "Robust reconstruction").
 *
 * With N = t nothing can be checked (plain Lagrange interpolation); with t < N < t + 2 a wrong
 * share is detected (ReconstructionError) but cannot be named; from N >= t + 2e every set of at
 * most e wrong shares is corrected and named. More than e wrong shares either throw
 * ReconstructionError or, if they happen to agree on another polynomial of degree < t, decode to
 * a wrong secret: callers that can check the result (a mask key against its advertised public
 * key) should.
 *
 * @throws ReconstructionError when no polynomial of degree < t agrees with all but e shares.
 * @example
 * const shares = shamirSplit(secret, 3, [1, 2, 3, 4, 5]);
 * shares[1] = { index: 2, value: new Uint8Array(32) };   // one holder lies
 * robustShamirCombine(shares, 3); // { secret, wrongShareHolders: [2] }
 */
export function robustShamirCombine(shares: readonly ShamirShare[], threshold: number): RobustCombineResult {
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  if (!Array.isArray(shares) || shares.length < threshold)
    throw new RangeError(`shares must hold at least threshold = ${threshold} shares`);
  const xs = shares.map((share, position) => {
    assertClientIndex(share?.index, `shares[${position}].index`);
    assertBytes(share.value, SHAMIR_SECRET_BYTES, `shares[${position}].value`);
    return share.index;
  });
  if (new Set(xs).size !== xs.length) throw new RangeError('shares[].index repeats an index');
  const consistent = interpolateIfConsistent(shares, xs, threshold);
  if (consistent !== undefined) return { secret: consistent, wrongShareHolders: [] };
  const errors = Math.floor((shares.length - threshold) / 2);
  const secret = new Uint8Array(SHAMIR_SECRET_BYTES);
  const wrong = new Set<number>();
  for (let w = 0; w < WORDS; w++) {
    const ys = shares.map((share) => share.value[2 * w] | (share.value[2 * w + 1] << 8));
    const polynomial = decodeWord(xs, ys, threshold, errors, w);
    for (let i = 0; i < xs.length; i++) if (evaluate(polynomial, xs[i]) !== ys[i]) wrong.add(xs[i]);
    secret[2 * w] = polynomial[0] & 0xff;
    secret[2 * w + 1] = polynomial[0] >>> 8;
  }
  return { secret, wrongShareHolders: [...wrong].sort((a, b) => a - b) };
}

/**
 * The common case, cheaply: Lagrange-interpolate from the first t shares and check that every
 * other share lies on the same polynomials (O(N t) per word). Undefined when one does not.
 */
function interpolateIfConsistent(
  shares: readonly ShamirShare[],
  xs: readonly number[],
  t: number,
): Uint8Array | undefined {
  const base = xs.slice(0, t);
  // basis[i][j] = l_j(z_i), z_0 = 0 (the secret), z_i = x_{t+i-1} (the extra shares); in characteristic 2,
  // l_j(z) = prod_{m != j} (z XOR x_m) / (x_j XOR x_m).
  const points = [0, ...xs.slice(t)];
  const basis = points.map((z) =>
    base.map((xj, j) => {
      let numerator = 1;
      let denominator = 1;
      for (let m = 0; m < t; m++) {
        if (m === j) continue;
        numerator = gfMul(numerator, z ^ base[m]);
        denominator = gfMul(denominator, xj ^ base[m]);
      }
      return gfDiv(numerator, denominator);
    }),
  );
  const secret = new Uint8Array(SHAMIR_SECRET_BYTES);
  for (let w = 0; w < WORDS; w++) {
    const ys = shares.map((share) => share.value[2 * w] | (share.value[2 * w + 1] << 8));
    for (let p = 0; p < points.length; p++) {
      let acc = 0;
      for (let j = 0; j < t; j++) acc ^= gfMul(basis[p][j], ys[j]);
      if (p === 0) {
        secret[2 * w] = acc & 0xff;
        secret[2 * w + 1] = acc >>> 8;
      } else if (acc !== ys[t + p - 1]) {
        return undefined;
      }
    }
  }
  return secret;
}

/** Berlekamp-Welch for one word: the polynomial of degree < t (coefficients, lowest first) within `errors` of the points. */
function decodeWord(xs: readonly number[], ys: readonly number[], t: number, errors: number, word: number): number[] {
  // Unknowns: E(x) = x^e + a_0 + ... + a_{e-1} x^{e-1} and Q(x) = b_0 + ... + b_{e+t-1} x^{e+t-1}
  // with Q(x_i) = y_i E(x_i) for every i; in characteristic 2 that is
  // sum_j b_j x_i^j + sum_{j<e} a_j y_i x_i^j = y_i x_i^e. Columns: b_0..b_{e+t-1}, a_0..a_{e-1}.
  const qTerms = errors + t;
  const columns = qTerms + errors;
  const rows = xs.map((x, i) => {
    const row = new Array<number>(columns + 1).fill(0);
    let power = 1;
    for (let j = 0; j < qTerms; j++) {
      row[j] = power;
      if (j < errors) row[qTerms + j] = gfMul(ys[i], power);
      power = gfMul(power, x);
    }
    row[columns] = gfMul(ys[i], powerOf(x, errors));
    return row;
  });
  const solution = solve(rows, columns);
  if (solution === undefined) throw new ReconstructionError(inconsistent(xs.length, t, errors, word));
  const q = solution.slice(0, qTerms);
  const e = [...solution.slice(qTerms), 1];
  const { quotient, remainder } = dividePolynomials(q, e);
  if (
    remainder.some((coefficient) => coefficient !== 0) ||
    quotient.slice(t).some((coefficient) => coefficient !== 0)
  ) {
    throw new ReconstructionError(inconsistent(xs.length, t, errors, word));
  }
  const polynomial = quotient.slice(0, t);
  while (polynomial.length < t) polynomial.push(0);
  let disagreements = 0;
  for (let i = 0; i < xs.length; i++) if (evaluate(polynomial, xs[i]) !== ys[i]) disagreements++;
  if (disagreements > errors) throw new ReconstructionError(inconsistent(xs.length, t, errors, word));
  return polynomial;
}

function inconsistent(count: number, t: number, errors: number, word: number): string {
  return `the ${count} shares (t = ${t}) of word ${word} disagree beyond the ${errors} wrong share(s) they can correct`;
}

/** Gaussian elimination over GF(2^16) of an augmented matrix; free variables are 0; undefined when inconsistent. */
function solve(rows: number[][], columns: number): number[] | undefined {
  const pivotColumns: number[] = [];
  let rank = 0;
  for (let column = 0; column < columns && rank < rows.length; column++) {
    const pivot = rows.findIndex((row, r) => r >= rank && row[column] !== 0);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot], rows[rank]];
    const inverse = gfDiv(1, rows[rank][column]);
    for (let j = column; j <= columns; j++) rows[rank][j] = gfMul(rows[rank][j], inverse);
    for (let r = 0; r < rows.length; r++) {
      const factor = rows[r][column];
      if (r === rank || factor === 0) continue;
      for (let j = column; j <= columns; j++) rows[r][j] ^= gfMul(factor, rows[rank][j]);
    }
    pivotColumns.push(column);
    rank++;
  }
  for (let r = rank; r < rows.length; r++) if (rows[r][columns] !== 0) return undefined;
  const solution = new Array<number>(columns).fill(0);
  pivotColumns.forEach((column, r) => {
    solution[column] = rows[r][columns];
  });
  return solution;
}

/** Long division of polynomials (lowest coefficient first) by a monic divisor. */
function dividePolynomials(
  dividend: readonly number[],
  divisor: readonly number[],
): { quotient: number[]; remainder: number[] } {
  const remainder = [...dividend];
  const degree = divisor.length - 1;
  const quotient = new Array<number>(Math.max(1, dividend.length - degree)).fill(0);
  for (let i = dividend.length - 1; i >= degree; i--) {
    const factor = remainder[i];
    if (factor === 0) continue;
    quotient[i - degree] = factor;
    for (let j = 0; j <= degree; j++) remainder[i - degree + j] ^= gfMul(factor, divisor[j]);
  }
  return { quotient, remainder: remainder.slice(0, degree) };
}

function evaluate(polynomial: readonly number[], x: number): number {
  let acc = 0;
  for (let i = polynomial.length - 1; i >= 0; i--) acc = gfMul(acc, x) ^ polynomial[i];
  return acc;
}

function powerOf(x: number, exponent: number): number {
  let acc = 1;
  for (let i = 0; i < exponent; i++) acc = gfMul(acc, x);
  return acc;
}
