import { FedAvgStrategy, createServerOptimizer } from '@edgefl/aggregation';
import { seededRandomSource } from '@edgefl/privacy';
import type { ModelSpec } from '@edgefl/protocol';
import { resolveCoordinatorConfig } from '../coordinator-config';
import type { CoordinatorConfigInput } from '../coordinator-config';
import { silentLogger } from '../coordinator-logger';
import type { RoundContext } from '../round-context';
import type { RoundTraffic } from '../round-traffic';
import { SuspicionPolicy } from '../suspicion-policy';
import { RecordingClientChannel } from './recording-client-channel';

/** A model small enough for unit tests: 8x8x1 input, one separable block of width 2. */
export const TINY_MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 };

/** Counts no bytes: for tests of the round logic. */
export const NO_TRAFFIC: RoundTraffic = { start: () => ({ bytesOf: () => ({ bytesUp: 0, bytesDown: 0 }) }) };

/**
 * A round context over a {@link RecordingClientChannel}, with the coordinator's defaults for
 * everything `config` leaves out (seed 1, the tiny model, no deadlines shorter than a test needs)
 * and DP randomness from a fixed seed.
 *
 * @example
 * const { context, channel, stop } = testRoundContext({ clientsPerRound: 2, minReports: 2 });
 */
export function testRoundContext(
  config: CoordinatorConfigInput = {},
  overrides: Partial<RoundContext> = {},
): { context: RoundContext; channel: RecordingClientChannel; stop: () => void } {
  const resolved = resolveCoordinatorConfig({ model: TINY_MODEL, seed: 1, ...config });
  const channel = new RecordingClientChannel();
  const abort = new AbortController();
  const context: RoundContext = {
    config: resolved,
    clients: channel,
    strategy: new FedAvgStrategy(createServerOptimizer(resolved.serverOptimizer), resolved.defence.aggregator),
    logger: silentLogger,
    signal: abort.signal,
    suspicion: new SuspicionPolicy(resolved.suspicion),
    dpRandom: seededRandomSource(new Uint8Array(32).fill(1)),
    ...overrides,
  };
  return { context, channel, stop: () => abort.abort() };
}
