import { FlagReader } from './flag-reader';
import { readPruningFlags } from './pruning-flags';

const reader = (values: Record<string, string>) => new FlagReader((name) => values[name]);

describe('readPruningFlags', () => {
  it('is off without --prune-sparsity and fills the defaults with it', () => {
    expect(readPruningFlags(reader({}))).toBeUndefined();
    expect(readPruningFlags(reader({ 'prune-sparsity': '0.75' }))).toEqual({
      sparsity: 0.75,
      startRound: 2,
      everyRounds: 1,
      steps: 4,
    });
    expect(
      readPruningFlags(reader({ 'prune-sparsity': '0.5', 'prune-start': '3', 'prune-every': '2', 'prune-steps': '4' })),
    ).toEqual({
      sparsity: 0.5,
      startRound: 3,
      everyRounds: 2,
      steps: 4,
    });
  });

  it('names the bad flag', () => {
    expect(() => readPruningFlags(reader({ 'prune-sparsity': '1' }))).toThrow(/--prune-sparsity/);
    expect(() => readPruningFlags(reader({ 'prune-start': '2' }))).toThrow(/need --prune-sparsity/);
    expect(() => readPruningFlags(reader({ 'prune-sparsity': '0.5', 'prune-every': '0' }))).toThrow(/--prune-every/);
  });
});
