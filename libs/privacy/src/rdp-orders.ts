/**
 * The Rényi orders the accountant evaluates: the integers 2..256. Integer orders let the
 * subsampled Gaussian's RDP be computed exactly (Mironov, Talwar, Zhang 2019, Section 3.3);
 * fractional orders would only tighten epsilon by a few percent.
 *
 * @example
 * DEFAULT_RDP_ORDERS[0]; // 2
 */
export const DEFAULT_RDP_ORDERS: readonly number[] = Object.freeze(Array.from({ length: 255 }, (_, i) => i + 2));
