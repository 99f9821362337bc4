/**
 * Boundary checks shared by the secagg entry points; each throws an Error naming the argument.
 * Client ids are Shamir share indices, so they live in 1..65535 (see shamir-secret-sharing.ts).
 */

/** The largest client id: the largest non-zero element of GF(2^16), used as a share index. */
export const MAX_CLIENT_INDEX = 65535;

export function assertClientIndex(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CLIENT_INDEX) {
    throw new RangeError(`${name} must be an integer in 1..${MAX_CLIENT_INDEX}, got ${String(value)}`);
  }
}

export function assertRoundId(value: unknown, name = 'roundId'): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
    throw new TypeError(`${name} must be a non-empty string of at most 1024 characters`);
  }
}

export function assertBytes(value: unknown, length: number, name: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new TypeError(`${name} must be a Uint8Array of ${length} bytes`);
  }
}

export function assertModulusBits(value: unknown, name = 'modulusBits'): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 32) {
    throw new RangeError(`${name} must be an integer in 1..32, got ${String(value)}`);
  }
}

export function assertVectorLength(value: unknown, name = 'vectorLength'): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1 << 28) {
    throw new RangeError(`${name} must be an integer in 1..2^28, got ${String(value)}`);
  }
}

/** Distinct client ids; returns them sorted ascending. */
export function assertDistinctClientIndices(values: unknown, name: string): number[] {
  if (!Array.isArray(values)) throw new TypeError(`${name} must be an array of client ids`);
  const seen = new Set<number>();
  for (const value of values) {
    assertClientIndex(value, `${name}[]`);
    if (seen.has(value)) throw new RangeError(`${name} repeats client id ${value}`);
    seen.add(value);
  }
  return [...seen].sort((a, b) => a - b);
}
