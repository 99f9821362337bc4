import { SeededRandom, deriveSeed } from '@edgefl/random';
import type { Dataset } from './dataset';

/** Options of `makeProceduralDataset`. */
export interface ProceduralDatasetOptions {
  count: number;
  seed: number;
  /** [H, W, C], default [28, 28, 1]. */
  shape?: [number, number, number];
  /** default 10, at most 256 */
  classes?: number;
  /** Standard deviation of the per-pixel Gaussian noise, default 0.3. */
  noise?: number;
  /**
   * Seeds the class prototypes. Fixed by default so that sets generated apart (a coordinator's
   * held-out set, each client's shard) describe the same classes; `seed` varies the examples.
   */
  prototypeSeed?: number;
}

const DEFAULT_PROTOTYPE_SEED = 0x5eed;

const MAX_SHIFT = 3;

interface ClassPrototype {
  /** Padded canvas (H + 2*MAX_SHIFT) x (W + 2*MAX_SHIFT) x C, so a shift is a crop. */
  canvas: Float32Array;
}

/**
 * A synthetic image classification dataset for tests, simulations and benchmarks when
 * Fashion-MNIST is absent. Each class is a prototype built from seeded parameters (oriented
 * stripes under a soft window plus a blob at a class-specific position); each example is its
 * class prototype shifted by up to 3 pixels, with random contrast and brightness, a class-free
 * distractor blob and Gaussian pixel noise, clamped to [0, 1]. Measured with the defaults on
 * 4,800 training examples (tfjs cpu, Adam 2e-3): a one-conv-layer model reaches 83% test accuracy
 * after 4 epochs and is still improving, an MLP 78%, a nearest-class-mean classifier 65-73%.
 * Classes are balanced (counts differ by at most 1) and the result is a pure function of the
 * options.
 *
 * @example
 * const { train, test } = splitTrainTest(makeProceduralDataset({ count: 12_000, seed: 7 }), 1 / 6, 7);
 */
export function makeProceduralDataset(options: ProceduralDatasetOptions): Dataset {
  if (typeof options !== 'object' || options === null) throw new Error('options must be an object with count and seed');
  const {
    count,
    seed,
    shape = [28, 28, 1],
    classes = 10,
    noise = 0.3,
    prototypeSeed = DEFAULT_PROTOTYPE_SEED,
  } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be an integer >= 0, got ${count}`);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new Error(`shape must be [H, W, C] with positive integers, got ${JSON.stringify(shape)}`);
  }
  if (!Number.isInteger(classes) || classes < 1 || classes > 256)
    throw new Error(`classes must be an integer in [1, 256], got ${classes}`);
  if (!Number.isFinite(noise) || noise < 0) throw new Error(`noise must be a finite number >= 0, got ${noise}`);

  const [height, width, channels] = shape;
  const prototypes = Array.from({ length: classes }, (_, c) =>
    buildPrototype(shape, c, classes, deriveSeed(prototypeSeed, 'prototype', c)),
  );
  const gaussianTable = buildGaussianTable(new SeededRandom(deriveSeed(seed, 'noise')));
  const rng = new SeededRandom(deriveSeed(seed, 'examples'));
  const labels = Uint8Array.from(rng.shuffle(Array.from({ length: count }, (_, i) => i % classes)));

  const size = height * width * channels;
  const paddedWidth = width + 2 * MAX_SHIFT;
  const images = new Float32Array(count * size);
  for (let n = 0; n < count; n++) {
    const canvas = prototypes[labels[n]].canvas;
    const dx = rng.nextInt(2 * MAX_SHIFT + 1);
    const dy = rng.nextInt(2 * MAX_SHIFT + 1);
    const contrast = 0.5 + 0.5 * rng.nextFloat();
    const brightness = 0.15 * rng.nextFloat();
    const distractorX = rng.nextFloat() * width;
    const distractorY = rng.nextFloat() * height;
    const distractorStrength = 0.6 * rng.nextFloat();
    const base = n * size;
    let spareBits = -1;
    for (let y = 0; y < height; y++) {
      const ddy = y - distractorY;
      for (let x = 0; x < width; x++) {
        const ddx = x - distractorX;
        const distance2 = ddx * ddx + ddy * ddy;
        const distractor = distance2 < 25 ? distractorStrength * (1 - distance2 / 25) : 0;
        const source = ((y + dy) * paddedWidth + (x + dx)) * channels;
        const target = base + (y * width + x) * channels;
        for (let ch = 0; ch < channels; ch++) {
          let noiseIndex = spareBits;
          if (noiseIndex < 0) {
            const bits = rng.nextUint32();
            noiseIndex = bits & 0xffff;
            spareBits = bits >>> 16;
          } else {
            spareBits = -1;
          }
          const value = brightness + contrast * canvas[source + ch] + distractor + noise * gaussianTable[noiseIndex];
          images[target + ch] = value < 0 ? 0 : value > 1 ? 1 : value;
        }
      }
    }
  }
  return { images, labels, shape: [height, width, channels], classes, count };
}

/**
 * 65,536 standard normal draws; each pixel picks one with 16 random bits, so one 32-bit draw
 * serves two pixels and no pixel pays for a logarithm or cosine (10,000 images in well under a
 * second).
 */
function buildGaussianTable(rng: SeededRandom): Float32Array {
  const table = new Float32Array(65_536);
  for (let i = 0; i < table.length; i++) table[i] = rng.nextNormal();
  return table;
}

function buildPrototype(
  shape: [number, number, number],
  classIndex: number,
  classes: number,
  seed: number,
): ClassPrototype {
  const [height, width, channels] = shape;
  const rng = new SeededRandom(seed);
  // Evenly spread orientations (jittered) keep classes apart; everything else is random per class.
  const angle = ((classIndex + 0.4 * rng.nextFloat()) * Math.PI) / classes;
  const frequency = 0.08 + 0.12 * rng.nextFloat();
  const phase = 2 * Math.PI * rng.nextFloat();
  const blobX = width * (0.2 + 0.6 * rng.nextFloat());
  const blobY = height * (0.2 + 0.6 * rng.nextFloat());
  const blobRadius = Math.max(1, Math.min(width, height) * (0.08 + 0.08 * rng.nextFloat()));
  const windowX = width * (0.3 + 0.4 * rng.nextFloat());
  const windowY = height * (0.3 + 0.4 * rng.nextFloat());
  const windowRadius = Math.min(width, height) * (0.3 + 0.15 * rng.nextFloat());
  const channelGains = Array.from({ length: channels }, () => (channels === 1 ? 1 : 0.3 + 0.7 * rng.nextFloat()));
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);

  const paddedHeight = height + 2 * MAX_SHIFT;
  const paddedWidth = width + 2 * MAX_SHIFT;
  const canvas = new Float32Array(paddedHeight * paddedWidth * channels);
  for (let py = 0; py < paddedHeight; py++) {
    // Canvas pixel (px, py) is what image pixel (px - MAX_SHIFT, py - MAX_SHIFT) shows without a shift.
    const y = py - MAX_SHIFT;
    for (let px = 0; px < paddedWidth; px++) {
      const x = px - MAX_SHIFT;
      const stripe = 0.5 + 0.5 * Math.sin(2 * Math.PI * frequency * (x * cos + y * sin) + phase);
      const window = Math.exp(-((x - windowX) ** 2 + (y - windowY) ** 2) / (2 * windowRadius * windowRadius));
      const blob = Math.exp(-((x - blobX) ** 2 + (y - blobY) ** 2) / (2 * blobRadius * blobRadius));
      const value = Math.min(1, 0.6 * stripe * window + 0.6 * blob);
      for (let ch = 0; ch < channels; ch++) canvas[(py * paddedWidth + px) * channels + ch] = value * channelGains[ch];
    }
  }
  return { canvas };
}
