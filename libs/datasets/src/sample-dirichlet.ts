import type { SeededRandom } from '@edgefl/random';
import { sampleLogGamma } from './sample-log-gamma';

/**
 * Draws proportions p ~ Dir(alpha, ..., alpha) over `size` categories by normalizing gamma draws
 * (in log space, so small alpha gives one dominant category instead of 0/0).
 *
 * @example
 * sampleDirichlet(new SeededRandom(3), 0.5, 4); // e.g. [0.61, 0.02, 0.30, 0.07], sums to 1
 */
export function sampleDirichlet(rng: SeededRandom, alpha: number, size: number): Float64Array {
  if (!Number.isFinite(alpha) || alpha <= 0) throw new Error(`alpha must be a finite number > 0, got ${alpha}`);
  if (!Number.isInteger(size) || size < 1) throw new Error(`size must be an integer >= 1, got ${size}`);
  const logs = new Float64Array(size);
  let maxLog = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < size; i++) {
    logs[i] = sampleLogGamma(rng, alpha);
    if (logs[i] > maxLog) maxLog = logs[i];
  }
  let total = 0;
  for (let i = 0; i < size; i++) {
    logs[i] = Math.exp(logs[i] - maxLog);
    total += logs[i];
  }
  for (let i = 0; i < size; i++) logs[i] /= total;
  return logs;
}
