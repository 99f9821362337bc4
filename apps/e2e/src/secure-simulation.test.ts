import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';

function options(overrides: Partial<SimulationOptions>): SimulationOptions {
  return {
    ...DEFAULT_SIMULATION_OPTIONS,
    clients: 10,
    perRound: 10,
    rounds: 3,
    dataset: 'synthetic',
    samplesPerClient: 200,
    localEpochs: 2,
    batchSize: 16,
    learningRate: 0.01,
    threads: 1,
    seed: 3,
    testLimit: 400,
    quiet: true,
    ...overrides,
  };
}

describe('simulation with secure aggregation', () => {
  it('--secure --dropout 0.2 reaches the accuracy of --no-secure within quantization noise, at a fraction of the uplink', async () => {
    // Two epochs of Adam at 0.01 move weights by up to about 0.2: clip at 0.25, 8 bits.
    const secure = await runSimulation(options({ secure: true, bits: 8, clipRange: 0.25, dropout: 0.2 }));
    const plain = await runSimulation(options({ secure: false, bits: 32 }));
    expect(secure.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(secure.config).toMatchObject({ secure: true, bits: 8 });
    const secureAccuracy = secure.summary.finalAccuracy ?? 0;
    const plainAccuracy = plain.summary.finalAccuracy ?? 0;
    expect(plainAccuracy).toBeGreaterThan((plain.initial.accuracy ?? 1) + 0.3);
    expect(Math.abs(secureAccuracy - plainAccuracy)).toBeLessThan(0.06);
    // Every stage message counted: keys, shares, the m-bit masked vector (m = 8 + 4 bits here).
    expect(secure.summary.bytesUpPerParameter ?? 99).toBeLessThan(2);
    expect(plain.summary.bytesUpPerParameter ?? 0).toBeGreaterThan(4);
  });
});
