/**
 * Throws an Error naming `name` and the first offending index when `vector` holds NaN or Infinity:
 * one poisoned element would otherwise spread through the global model silently.
 */
export function assertFiniteVector(vector: ArrayLike<number>, name: string): void {
  for (let i = 0; i < vector.length; i++) {
    if (!Number.isFinite(vector[i])) {
      throw new Error(`${name} must be finite, but element ${i} is ${vector[i]}`);
    }
  }
}
