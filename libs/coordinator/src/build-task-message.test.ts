import { DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { countParameters } from '@edgefl/models';
import { buildTaskMessage } from './build-task-message';
import { resolveCoordinatorConfig } from './coordinator-config';
import { createRoundState } from './round-state';

describe('buildTaskMessage', () => {
  const stateFor = (round: number) =>
    createRoundState({
      runId: 'run',
      round,
      attempt: 1,
      modelVersion: round - 1,
      globalWeights: new Float32Array(countParameters(DEFAULT_MODEL_SPEC)),
      seed: 1,
      bytesInAtStart: 0,
      bytesOutAtStart: 0,
    });

  it("carries the round's scheduled learning rate, local steps and FedProx mu", () => {
    const config = resolveCoordinatorConfig({
      secure: false,
      rounds: 30,
      training: { epochs: 1, batchSize: 32, learningRate: 0.01, optimizer: 'sgd', steps: 40, proximalMu: 0.01 },
      learningRateSchedule: { kind: 'step', every: 10, factor: 0.5 },
    });
    expect(buildTaskMessage(config, stateFor(1)).training).toEqual({
      epochs: 1,
      batchSize: 32,
      learningRate: 0.01,
      optimizer: 'sgd',
      steps: 40,
      proximalMu: 0.01,
    });
    expect(buildTaskMessage(config, stateFor(11)).training.learningRate).toBe(0.005);
    expect(buildTaskMessage(config, stateFor(21)).training.learningRate).toBe(0.0025);
  });

  it('a bad schedule is refused when the config is resolved, naming it', () => {
    expect(() =>
      resolveCoordinatorConfig({ secure: false, learningRateSchedule: { kind: 'step', every: 0, factor: 0.5 } }),
    ).toThrow('config.learningRateSchedule: schedule.every must be an integer >= 1, got 0');
    expect(() => resolveCoordinatorConfig({ secure: false, serverOptimizer: { kind: 'fedadam', beta1: 2 } })).toThrow(
      'config.serverOptimizer: beta1 must be a number in [0, 1), got 2',
    );
  });
});
