import { resolveCoordinatorConfig } from './coordinator-config';

describe('secure graph parameters are checked at start-up', () => {
  const secure = { range: 0.05, bits: 8, weightCap: 100, stageTimeoutMs: 1000 };

  it('refuses --neighbours 3 with a cohort of 7', () => {
    expect(() =>
      resolveCoordinatorConfig({ clientsPerRound: 7, overSelection: 1, secure: { ...secure, neighbours: 3 } }),
    ).toThrow(
      /config\.secure: --neighbours 3 cannot build a graph of 7 clients.*cohort is per-round x over-selection = 7/,
    );
  });

  it('refuses --threshold 1 --neighbours 4', () => {
    expect(() =>
      resolveCoordinatorConfig({ clientsPerRound: 8, secure: { ...secure, neighbours: 4, threshold: 1 } }),
    ).toThrow(/--threshold 1 does not fit/);
  });

  it('accepts workable or chosen parameters, and names a bad expectedDropout', () => {
    expect(() => resolveCoordinatorConfig({ clientsPerRound: 7, secure: { ...secure, neighbours: 4 } })).not.toThrow();
    expect(() => resolveCoordinatorConfig({ clientsPerRound: 100, secure })).not.toThrow();
    expect(() => resolveCoordinatorConfig({ secure: { ...secure, expectedDropout: 1.5 } })).toThrow(
      /config\.secure\.expectedDropout/,
    );
  });
});
