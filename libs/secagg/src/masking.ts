import { assertBytes, assertClientIndex, assertModulusBits } from './argument-checks';
import { modulusMask } from './modulus-bits-for';
import { prgExpand } from './prg';

/** A pairwise seed shared with one peer. */
export interface PairwiseSeed {
  readonly peerId: number;
  readonly seed: Uint8Array;
}

/** Inputs of {@link maskVector}. */
export interface MaskVectorInput {
  /** x: elements already reduced below 2^modulusBits. */
  readonly input: Uint32Array;
  readonly modulusBits: number;
  readonly clientIndex: number;
  readonly selfSeed: Uint8Array;
  /** One seed per peer that takes part in masking (the neighbours whose shares arrived). */
  readonly pairwiseSeeds: readonly PairwiseSeed[];
}

/**
 * y = x + PRG(selfSeed) + sum_j sign(i, j) * PRG(s_ij) mod 2^m, with sign = +1 if i < j else -1,
 * so the pairwise masks of an edge cancel in the sum of both ends (Bonawitz et al. 2017, 4.1).
 *
 * @example
 * const y = maskVector({ input: x, modulusBits: 16, clientIndex: 1, selfSeed, pairwiseSeeds: [{ peerId: 2, seed }] });
 */
export function maskVector(input: MaskVectorInput): Uint32Array {
  const { modulusBits, clientIndex, selfSeed, pairwiseSeeds } = input ?? ({} as Partial<MaskVectorInput>);
  assertModulusBits(modulusBits, 'input.modulusBits');
  assertClientIndex(clientIndex, 'input.clientIndex');
  assertBytes(selfSeed, 32, 'input.selfSeed');
  const x = input.input;
  if (!(x instanceof Uint32Array) || x.length === 0) throw new TypeError('input.input must be a non-empty Uint32Array');
  const mask = modulusMask(modulusBits);
  for (let i = 0; i < x.length; i++) {
    if (x[i] > mask) throw new RangeError(`input.input[${i}] = ${x[i]} is not below 2^${modulusBits}`);
  }
  if (!Array.isArray(pairwiseSeeds)) throw new TypeError('input.pairwiseSeeds must be an array');

  // Uint32Array stores wrap mod 2^32, a multiple of 2^m; one final mask reduces mod 2^m.
  const y = Uint32Array.from(x);
  addInto(y, prgExpand(selfSeed, y.length, modulusBits), 1);
  const seenPeers = new Set<number>();
  for (const { peerId, seed } of pairwiseSeeds) {
    assertClientIndex(peerId, 'input.pairwiseSeeds[].peerId');
    if (peerId === clientIndex || seenPeers.has(peerId)) {
      throw new RangeError(`input.pairwiseSeeds has peer ${peerId} twice or equal to the client itself`);
    }
    seenPeers.add(peerId);
    assertBytes(seed, 32, 'input.pairwiseSeeds[].seed');
    addInto(y, prgExpand(seed, y.length, modulusBits), clientIndex < peerId ? 1 : -1);
  }
  return reduceInPlace(y, mask);
}

/** A pairwise mask left in the sum because `droppedId` masked with `survivorId`, then never uploaded. */
export interface DanglingPairwiseSeed {
  readonly survivorId: number;
  readonly droppedId: number;
  readonly seed: Uint8Array;
}

/** Inputs of {@link unmaskSum}. */
export interface UnmaskSumInput {
  /** The survivors' masked vectors y. */
  readonly maskedVectors: readonly Uint32Array[];
  readonly modulusBits: number;
  /** Reconstructed self-mask seeds, one per survivor. */
  readonly survivorSelfSeeds: readonly Uint8Array[];
  /** Pairwise seeds between survivors and clients that dropped after sharing. */
  readonly danglingPairwiseSeeds: readonly DanglingPairwiseSeed[];
}

/**
 * sum x = sum y - sum PRG(self seeds) - sum sign(survivor, dropped) * PRG(dangling seed) mod 2^m.
 * Pairwise masks between two survivors cancel by themselves.
 *
 * @example
 * const sum = unmaskSum({ maskedVectors: [y1, y2], modulusBits: 16, survivorSelfSeeds: [b1, b2], danglingPairwiseSeeds: [] });
 */
export function unmaskSum(input: UnmaskSumInput): Uint32Array {
  const { maskedVectors, modulusBits, survivorSelfSeeds, danglingPairwiseSeeds } =
    input ?? ({} as Partial<UnmaskSumInput>);
  assertModulusBits(modulusBits, 'input.modulusBits');
  if (!Array.isArray(maskedVectors) || maskedVectors.length === 0) {
    throw new TypeError('input.maskedVectors must be a non-empty array of Uint32Array');
  }
  const length = maskedVectors[0]?.length;
  maskedVectors.forEach((y, i) => {
    if (!(y instanceof Uint32Array) || y.length !== length) {
      throw new TypeError(`input.maskedVectors[${i}] must be a Uint32Array of length ${length}`);
    }
  });
  if (!Array.isArray(survivorSelfSeeds)) throw new TypeError('input.survivorSelfSeeds must be an array');
  if (!Array.isArray(danglingPairwiseSeeds)) throw new TypeError('input.danglingPairwiseSeeds must be an array');

  const sum = new Uint32Array(length);
  for (const y of maskedVectors) addInto(sum, y, 1);
  for (const seed of survivorSelfSeeds) {
    assertBytes(seed, 32, 'input.survivorSelfSeeds[]');
    addInto(sum, prgExpand(seed, length, modulusBits), -1);
  }
  for (const { survivorId, droppedId, seed } of danglingPairwiseSeeds) {
    assertClientIndex(survivorId, 'input.danglingPairwiseSeeds[].survivorId');
    assertClientIndex(droppedId, 'input.danglingPairwiseSeeds[].droppedId');
    assertBytes(seed, 32, 'input.danglingPairwiseSeeds[].seed');
    // The survivor added sign(survivor, dropped) * PRG(seed); take it back out.
    addInto(sum, prgExpand(seed, length, modulusBits), survivorId < droppedId ? -1 : 1);
  }
  return reduceInPlace(sum, modulusMask(modulusBits));
}

function addInto(target: Uint32Array, addend: Uint32Array, sign: 1 | -1): void {
  if (sign === 1) for (let i = 0; i < target.length; i++) target[i] += addend[i];
  else for (let i = 0; i < target.length; i++) target[i] -= addend[i];
}

function reduceInPlace(vector: Uint32Array, mask: number): Uint32Array {
  if (mask !== 0xffffffff) for (let i = 0; i < vector.length; i++) vector[i] &= mask;
  return vector;
}
