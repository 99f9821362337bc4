import { epsilonFor } from '@edgefl/privacy';
import { resolveCoordinatorConfig } from './coordinator-config';
import { DEFAULT_SECURE_AGGREGATION } from './secure-aggregation-config';
import { DEFAULT_DOWNLINK } from './downlink-config';

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

describe('resolveCoordinatorConfig downlink and client training defaults (issue 17)', () => {
  it('sends 8-bit deltas by default, float32 models with downlink: false, and fills a partial downlink', () => {
    expect(resolveCoordinatorConfig().downlink).toEqual(DEFAULT_DOWNLINK);
    expect(DEFAULT_DOWNLINK.bits).toBe(8);
    expect(resolveCoordinatorConfig({ downlink: false }).downlink).toBe(false);
    expect(resolveCoordinatorConfig({ downlink: { bits: 4 } }).downlink).toEqual({ ...DEFAULT_DOWNLINK, bits: 4 });
    const off = resolveCoordinatorConfig({ downlink: false });
    expect(resolveCoordinatorConfig(off)).toEqual(off);
  });

  it('names a downlink setting that is neither an object nor false, or a bad field', () => {
    expect(() => resolveCoordinatorConfig({ downlink: true as unknown as false })).toThrow(
      'config.downlink must be an object or false, got true',
    );
    expect(() => resolveCoordinatorConfig({ downlink: { bits: 32 } })).toThrow(
      'config.downlink.bits must be an integer in [1, 16], got 32',
    );
  });

  it('trains 3 local epochs per round with a cosine schedule unless told otherwise', () => {
    const config = resolveCoordinatorConfig();
    expect(config.training.epochs).toBe(3);
    expect(config.learningRateSchedule).toEqual({ kind: 'cosine' });
  });
});
