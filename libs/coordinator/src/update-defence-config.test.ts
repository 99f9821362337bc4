import { DEFAULT_UPDATE_DEFENCE, resolveUpdateDefenceConfig } from './update-defence-config';

describe('resolveUpdateDefenceConfig', () => {
  const plain = { secure: false, minReports: 5 };

  it('defaults to fedavg with a norm bound of 10 and a sample cap of 1000', () => {
    expect(resolveUpdateDefenceConfig(undefined, plain)).toEqual(DEFAULT_UPDATE_DEFENCE);
    expect(resolveUpdateDefenceConfig({ maxUpdateNorm: null }, plain).maxUpdateNorm).toBeNull();
    expect(resolveUpdateDefenceConfig({ aggregator: { kind: 'multi-krum', byzantine: 1 } }, plain).aggregator).toEqual({
      kind: 'multi-krum',
      byzantine: 1,
    });
  });

  it('refuses robust aggregators with secure rounds and says why', () => {
    expect(() =>
      resolveUpdateDefenceConfig({ aggregator: { kind: 'median' } }, { secure: true, minReports: 5 }),
    ).toThrow(
      /median needs plain rounds: with secure aggregation the coordinator only learns the cohort's sum, never a single update/,
    );
    expect(
      resolveUpdateDefenceConfig({ aggregator: { kind: 'fedavg' } }, { secure: true, minReports: 2 }).aggregator.kind,
    ).toBe('fedavg');
  });

  it('names bad fields and a minReports too small for multi-Krum', () => {
    expect(() => resolveUpdateDefenceConfig({ maxUpdateNorm: 0 }, plain)).toThrow(
      'config.defence.maxUpdateNorm must be a positive finite number or null (off), got 0',
    );
    expect(() => resolveUpdateDefenceConfig({ sampleCap: 0.5 }, plain)).toThrow(
      'config.defence.sampleCap must be a positive integer, got 0.5',
    );
    expect(() => resolveUpdateDefenceConfig({ aggregator: { kind: 'multi-krum', byzantine: 2 } }, plain)).toThrow(
      'needs config.minReports >= 7, got 5',
    );
    expect(() =>
      resolveUpdateDefenceConfig({ aggregator: { kind: 'multi-krum', byzantine: 1, select: 5 } }, plain),
    ).toThrow('select must be at most minReports - byzantine = 4');
  });
});
