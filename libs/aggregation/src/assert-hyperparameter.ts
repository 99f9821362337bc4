/**
 * Checks a numeric hyperparameter against an interval and returns it, or its default when absent.
 * `upperExclusive` lets decay rates reject exactly 1.
 */
export function assertHyperparameter(
  name: string,
  value: number | undefined,
  fallback: number,
  range: { min: number; minInclusive: boolean; max?: number; maxInclusive?: boolean },
): number {
  const resolved = value ?? fallback;
  const aboveMin = range.minInclusive ? resolved >= range.min : resolved > range.min;
  const belowMax = range.max === undefined || (range.maxInclusive ? resolved <= range.max : resolved < range.max);
  if (typeof resolved !== 'number' || !Number.isFinite(resolved) || !aboveMin || !belowMax) {
    const low = `${range.minInclusive ? '[' : '('}${range.min}`;
    const high = range.max === undefined ? 'Infinity)' : `${range.max}${range.maxInclusive ? ']' : ')'}`;
    throw new Error(`${name} must be a number in ${low}, ${high}, got ${resolved}`);
  }
  return resolved;
}
