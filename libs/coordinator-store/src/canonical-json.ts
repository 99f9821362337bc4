/**
 * JSON with object keys sorted at every level and `undefined` fields left out, so that two equal
 * configurations give the same text (and the same hash) whatever order their keys were set in.
 *
 * @example
 * canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } }); // '{"a":{"d":[2,1]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortKeys(field);
  }
  return sorted;
}
