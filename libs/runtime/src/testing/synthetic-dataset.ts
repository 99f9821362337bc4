import { SeededRandom } from '@edgefl/random';
import type { LocalDataset } from '../local-dataset';

/**
 * A small learnable dataset for tests: class k lights up a k-dependent horizontal band of the
 * image, plus uniform noise. Deterministic for a seed; no files needed.
 */
export function syntheticDataset(
  count: number,
  shape: [number, number, number] = [28, 28, 1],
  classes = 10,
  seed = 1,
): LocalDataset {
  const rng = new SeededRandom(seed);
  const [height, width, channels] = shape;
  const imageSize = height * width * channels;
  const images = new Float32Array(count * imageSize);
  const labels = new Uint8Array(count);
  const band = Math.max(1, Math.floor(height / classes));
  for (let i = 0; i < count; i++) {
    const label = rng.nextInt(classes);
    labels[i] = label;
    for (let p = 0; p < imageSize; p++) {
      const row = Math.floor(p / (width * channels));
      const lit = Math.floor(row / band) === label;
      images[i * imageSize + p] = (lit ? 0.8 : 0) + 0.2 * rng.nextFloat();
    }
  }
  return { images, labels, shape, classes, count };
}
