import { DEFAULT_SECURE_STAGE_TIMEOUT_MS, resolveSecureAggregationConfig } from './secure-aggregation-config';

describe('resolveSecureAggregationConfig', () => {
  const required = { range: 0.5, bits: 8, weightCap: 600 };

  it('runs the consistency check by default and keeps an explicit choice', () => {
    expect(resolveSecureAggregationConfig(required)).toEqual({
      ...required,
      stageTimeoutMs: DEFAULT_SECURE_STAGE_TIMEOUT_MS,
      consistencyCheck: true,
    });
    expect(resolveSecureAggregationConfig({ ...required, consistencyCheck: false }).consistencyCheck).toBe(false);
  });

  it('names a bad field', () => {
    expect(() =>
      resolveSecureAggregationConfig({ ...required, consistencyCheck: 'yes' as unknown as boolean }),
    ).toThrow('config.secure.consistencyCheck must be a boolean');
    expect(() => resolveSecureAggregationConfig({ ...required, bits: 0 })).toThrow('config.secure.bits');
  });
});
