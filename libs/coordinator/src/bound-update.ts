import { clipToNorm } from '@edgefl/aggregation';
import type { UpdateDefenceConfig } from './update-defence-config';

/**
 * Applies a plain round's per-update bounds to a decoded delta: the L2 norm bound (the delta is
 * scaled down to `maxUpdateNorm` when longer) and the sample cap (the FedAvg weight is
 * min(numSamples, sampleCap)). After it, one update moves a FedAvg aggregate by at most
 * sampleCap / (sampleCap + W) * 2 * maxUpdateNorm in L2, W being the other reports' total weight
 * (docs/THREAT-MODEL.md, "Poisoning").
 *
 * @example
 * const { delta, weight, clipped } = boundUpdate(decoded, update.numSamples, config.defence);
 */
export function boundUpdate(
  delta: Float32Array,
  numSamples: number,
  defence: UpdateDefenceConfig,
): { delta: Float32Array; weight: number; norm?: number; clipped: boolean } {
  const weight = Math.min(numSamples, defence.sampleCap);
  if (defence.maxUpdateNorm === null) return { delta, weight, clipped: false };
  const bounded = clipToNorm(delta, defence.maxUpdateNorm);
  return { delta: bounded.delta, weight, norm: bounded.norm, clipped: bounded.clipped };
}
