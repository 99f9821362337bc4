import { countParameters } from '@edgefl/models';
import { createRoundState } from '../round-state';
import type { RoundState } from '../round-state';
import { TINY_MODEL } from './test-round-context';

/**
 * A fresh attempt (round 1, attempt 1, model version 0, seed 7) over the tiny model's weights,
 * all `fill`, for stage tests.
 *
 * @example
 * const state = testRoundState();
 * runConfigureStage(context, state);
 */
export function testRoundState(fill = 0, fields: Partial<Parameters<typeof createRoundState>[0]> = {}): RoundState {
  return createRoundState({
    runId: 'run',
    round: 1,
    attempt: 1,
    modelVersion: 0,
    globalWeights: new Float32Array(countParameters(TINY_MODEL)).fill(fill),
    seed: 7,
    ...fields,
  });
}
