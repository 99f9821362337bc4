import { _typedArrayName } from './binary-payload';

/**
 * Which coordinates of the flat parameter vector (docs/PROTOCOL.md section 5) a pruned model
 * keeps. Pruned coordinates are exactly 0 in the global model, stay 0 during local training and
 * travel in no update: plain and secure updates carry the kept coordinates only, in ascending
 * order (docs/PROTOCOL.md, "Pruning mask").
 */
export interface PruningMask {
  /** P: the length of the flat parameter vector the mask covers. */
  readonly parameterCount: number;
  /** The K kept coordinates, ascending, each in [0, P). */
  readonly keptIndices: Uint32Array;
}

/**
 * The mask keeping the coordinates `i` where `kept[i]` is truthy (true or non-zero).
 *
 * @throws RangeError when nothing is kept (an update would carry no value).
 * @example
 * pruningMaskFromFlags([1, 0, 1]); // { parameterCount: 3, keptIndices: Uint32Array [0, 2] }
 */
export function pruningMaskFromFlags(kept: ArrayLike<boolean | number>): PruningMask {
  let count = 0;
  for (let i = 0; i < kept.length; i++) if (kept[i]) count++;
  if (count === 0) throw new RangeError('a pruning mask must keep at least one coordinate');
  const keptIndices = new Uint32Array(count);
  for (let i = 0, k = 0; i < kept.length; i++) if (kept[i]) keptIndices[k++] = i;
  return { parameterCount: kept.length, keptIndices };
}

/**
 * The kept coordinates of `vector` (length P), in ascending order: what an update carries.
 *
 * @example
 * gatherKept(new Float32Array([5, 6, 7]), mask); // Float32Array [5, 7] for keptIndices [0, 2]
 */
export function gatherKept(vector: Float32Array, mask: PruningMask): Float32Array {
  assertCovers(vector.length, mask, 'vector');
  const out = new Float32Array(mask.keptIndices.length);
  for (let k = 0; k < out.length; k++) out[k] = vector[mask.keptIndices[k]];
  return out;
}

/**
 * The inverse of {@link gatherKept}: a length-P vector with `values` at the kept coordinates and
 * exactly 0 elsewhere. Float64Array in, Float64Array out (sums), else Float32Array.
 *
 * @example
 * scatterKept(new Float32Array([5, 7]), mask); // Float32Array [5, 0, 7] for keptIndices [0, 2]
 */
export function scatterKept<T extends Float32Array | Float64Array>(values: T, mask: PruningMask): T {
  if (values.length !== mask.keptIndices.length) {
    throw new RangeError(`values must hold the ${mask.keptIndices.length} kept coordinates, got ${values.length}`);
  }
  // Tag check, not instanceof: it holds across realms (Jest contexts, workers).
  const out = (
    _typedArrayName(values) === 'Float64Array'
      ? new Float64Array(mask.parameterCount)
      : new Float32Array(mask.parameterCount)
  ) as T;
  for (let k = 0; k < values.length; k++) out[mask.keptIndices[k]] = values[k];
  return out;
}

/**
 * `vector` with every pruned coordinate set to exactly 0 (a new array).
 *
 * @example
 * applyPruningMask(new Float32Array([5, 6, 7]), mask); // Float32Array [5, 0, 7] for keptIndices [0, 2]
 */
export function applyPruningMask(vector: Float32Array, mask: PruningMask): Float32Array {
  return scatterKept(gatherKept(vector, mask), mask);
}

function assertCovers(length: number, mask: PruningMask, name: string): void {
  if (length !== mask.parameterCount) {
    throw new RangeError(`${name} must hold the mask's ${mask.parameterCount} coordinates, got ${length}`);
  }
}
