import { FlagReader } from './flag-reader';
import { readLocalTrainingFlags } from './local-training-flags';

const reader = (values: Record<string, string>) => new FlagReader((name) => values[name]);

describe('readLocalTrainingFlags', () => {
  it('reads steps, FedProx mu and each schedule', () => {
    expect(readLocalTrainingFlags(reader({}), 'constant')).toEqual({ schedule: { kind: 'constant' } });
    expect(readLocalTrainingFlags(reader({}), 'cosine')).toEqual({ schedule: { kind: 'cosine' } });
    expect(readLocalTrainingFlags(reader({ 'lr-schedule': 'constant' }), 'cosine')).toEqual({
      schedule: { kind: 'constant' },
    });
    expect(readLocalTrainingFlags(reader({ 'local-steps': '40', 'proximal-mu': '0.01' }), 'constant')).toEqual({
      steps: 40,
      proximalMu: 0.01,
      schedule: { kind: 'constant' },
    });
    expect(readLocalTrainingFlags(reader({ 'proximal-mu': '0' }), 'constant')).toEqual({
      schedule: { kind: 'constant' },
    });
    expect(
      readLocalTrainingFlags(reader({ 'lr-schedule': 'cosine', 'lr-min': '0.0001' }), 'constant').schedule,
    ).toEqual({
      kind: 'cosine',
      minLearningRate: 0.0001,
    });
    expect(readLocalTrainingFlags(reader({ 'lr-schedule': 'step' }), 'constant').schedule).toEqual({
      kind: 'step',
      every: 10,
      factor: 0.5,
    });
  });

  it('names bad values and parameters of another schedule', () => {
    expect(() => readLocalTrainingFlags(reader({ 'proximal-mu': '-1' }), 'constant')).toThrow(
      '--proximal-mu must be a number >= 0, got -1',
    );
    expect(() => readLocalTrainingFlags(reader({ 'local-steps': '0' }), 'constant')).toThrow(
      '--local-steps must be an integer >= 1, got 0',
    );
    expect(() => readLocalTrainingFlags(reader({ 'lr-min': '0.1' }), 'constant')).toThrow(
      '--lr-min applies to --lr-schedule cosine only, got --lr-schedule constant',
    );
    expect(() => readLocalTrainingFlags(reader({ 'lr-schedule': 'step', 'lr-step-factor': '2' }), 'constant')).toThrow(
      '--lr-step-factor must be in (0, 1], got 2',
    );
  });
});
