import { epsilonFor } from '@edgefl/privacy';
import { resolveCoordinatorConfig } from './coordinator-config';
import { DEFAULT_SECURE_AGGREGATION } from './secure-aggregation-config';

describe('resolveCoordinatorConfig dp', () => {
  it('solves the noise multiplier from a budget over the planned rounds at q = clientsPerRound / population', () => {
    const config = resolveCoordinatorConfig({
      secure: false,
      rounds: 20,
      clientsPerRound: 10,
      dp: { clip: 1, epsilon: 4, population: 100 },
    });
    expect(config.dp).toMatchObject({ clip: 1, epsilon: 4, delta: 1e-5, population: 100 });
    const z = config.dp?.noiseMultiplier ?? 0;
    expect(epsilonFor({ q: 0.1, noiseMultiplier: z, rounds: 20, delta: 1e-5 })).toBeLessThanOrEqual(4);
    expect(epsilonFor({ q: 0.1, noiseMultiplier: z * 0.99, rounds: 20, delta: 1e-5 })).toBeGreaterThan(4);
  });

  it('keeps a given noise multiplier and leaves dp out when absent', () => {
    expect(resolveCoordinatorConfig({ secure: false, dp: { clip: 2, noiseMultiplier: 1.1 } }).dp).toEqual({
      clip: 2,
      noiseMultiplier: 1.1,
      delta: 1e-5,
    });
    expect(resolveCoordinatorConfig({ secure: false }).dp).toBeUndefined();
  });

  it('names a bad DP setting', () => {
    expect(() => resolveCoordinatorConfig({ secure: false, dp: { clip: 1, epsilon: 4 } })).toThrow(/dp.population/);
    expect(() =>
      resolveCoordinatorConfig({
        dp: { clip: 1, noiseMultiplier: 1 },
        secure: { bits: 1, range: 0.05, weightCap: 10, stageTimeoutMs: 1000 },
      }),
    ).toThrow(/secure.bits must be >= 2 with config.dp/);
  });
});

describe('resolveCoordinatorConfig secure (issue 16, item 13)', () => {
  it('runs secure rounds with DEFAULT_SECURE_AGGREGATION unless told secure: false', () => {
    expect(resolveCoordinatorConfig().secure).toEqual(DEFAULT_SECURE_AGGREGATION);
    expect(resolveCoordinatorConfig({ secure: false })).toMatchObject({ secure: false, encoding: { kind: 'float32' } });
  });

  it('fills the fields a partial secure config leaves out (or undefined) from the default', () => {
    expect(resolveCoordinatorConfig({ secure: { bits: 4, neighbours: undefined } }).secure).toEqual({
      ...DEFAULT_SECURE_AGGREGATION,
      bits: 4,
    });
  });

  it('is idempotent: a resolved plain config resolves to plain again, a secure one to itself', () => {
    const plain = resolveCoordinatorConfig({ secure: false, rounds: 3 });
    expect(resolveCoordinatorConfig(plain)).toEqual(plain);
    const secure = resolveCoordinatorConfig({ secure: { bits: 6 } });
    expect(resolveCoordinatorConfig(secure)).toEqual(secure);
  });

  it('names a secure setting that is neither an object nor false', () => {
    expect(() => resolveCoordinatorConfig({ secure: true as unknown as false })).toThrow(
      'config.secure must be an object or false, got true',
    );
  });
});
