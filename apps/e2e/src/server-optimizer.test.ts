import { LIGHT_DELTA_VALUE, DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';

/** Runs a light simulation (every client's delta is LIGHT_DELTA_VALUE everywhere) and returns the final global weights. */
async function finalWeights(overrides: Partial<SimulationOptions>): Promise<Float32Array> {
  let weights: Float32Array | undefined;
  await runSimulation(
    {
      ...DEFAULT_SIMULATION_OPTIONS,
      clients: 4,
      perRound: 4,
      minReports: 4,
      rounds: 3,
      dataset: 'synthetic',
      samplesPerClient: 8,
      inputSize: 8,
      widths: [2],
      light: true,
      threads: 1,
      seed: 5,
      quiet: true,
      ...overrides,
    },
    { onCoordinator: (coordinator) => coordinator.on('run-end', (summary) => (weights = summary.weights)) },
  );
  if (!weights) throw new Error('the run did not end');
  return weights;
}

const meanDifference = (a: Float32Array, b: Float32Array): number =>
  a.reduce((sum, x, i) => sum + x - b[i], 0) / a.length;

describe('server optimizers act on the aggregate, in plain and secure rounds', () => {
  // Every round's mean delta is d: FedAvg moves 3d in 3 rounds, FedAvgM (lr 1, beta 0.5) d + 1.5d + 1.75d = 4.25d.
  it.each([
    ['plain float32', { secure: false, bits: 32 }],
    ['secure 8-bit', { secure: true, bits: 8 }],
  ] as const)('%s: FedAvgM moves 1.25 d further than FedAvg over three rounds', async (_name, encoding) => {
    const fedAvg = await finalWeights({ ...encoding, serverOptimizer: { kind: 'fedavg' } });
    const fedAvgM = await finalWeights({
      ...encoding,
      serverOptimizer: { kind: 'fedavgm', learningRate: 1, momentum: 0.5 },
    });
    const fedAvgLr2 = await finalWeights({ ...encoding, serverOptimizer: { kind: 'fedavg', learningRate: 2 } });
    expect(meanDifference(fedAvgM, fedAvg) / LIGHT_DELTA_VALUE).toBeCloseTo(1.25, 1);
    expect(meanDifference(fedAvgLr2, fedAvg) / LIGHT_DELTA_VALUE).toBeCloseTo(3, 1);
  });
});
