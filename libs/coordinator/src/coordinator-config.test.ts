import { epsilonFor } from '@edgefl/privacy';
import { resolveCoordinatorConfig } from './coordinator-config';

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
