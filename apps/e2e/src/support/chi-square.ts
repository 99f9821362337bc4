/**
 * Chi-square statistic of `values` against the uniform distribution on 0..bins-1 (the same test
 * libs/secagg's masking test uses on one masked vector).
 */
export function chiSquare(values: ArrayLike<number>, bins: number): number {
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) counts[values[i]]++;
  const expected = values.length / bins;
  let statistic = 0;
  for (const count of counts) statistic += (count - expected) ** 2 / expected;
  return statistic;
}

/** Chi-square critical value, 15 degrees of freedom, p = 0.001 (upper tail). */
export const CRITICAL_15_P001 = 37.697;
