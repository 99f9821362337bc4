import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';
import type { RoundRecord } from '@edgefl/coordinator-store';

/** A light run (constant client deltas) of the reference model's size; returns the final weights and the round log. */
async function run(
  overrides: Partial<SimulationOptions>,
): Promise<{ weights: Float32Array; attempts: RoundRecord[]; params: number }> {
  let weights: Float32Array | undefined;
  const report = await runSimulation(
    {
      ...DEFAULT_SIMULATION_OPTIONS,
      secure: false,
      bits: 32,
      clients: 4,
      perRound: 4,
      minReports: 4,
      rounds: 5,
      dataset: 'synthetic',
      samplesPerClient: 8,
      inputSize: 28,
      widths: [16, 32],
      light: true,
      threads: 1,
      seed: 7,
      quiet: true,
      ...overrides,
    },
    { onCoordinator: (coordinator) => coordinator.on('run-end', (summary) => (weights = summary.weights)) },
  );
  if (!weights) throw new Error('the run did not end');
  return { weights, attempts: report.attempts, params: report.modelParams };
}

const downlinkPerParam = (record: RoundRecord, params: number): number => record.bytesDown / (record.selected * params);

describe('downlink compression over real sockets', () => {
  it("after the first full model, each task carries about one byte per parameter at 8 bits, and the coordinator's model is unchanged", async () => {
    const full = await run({ downlink: false });
    const compressed = await run({ downlink: { bits: 8, maxLag: 30 } });
    // Round 1 sends everyone the full float32 model; from round 2 on, 8-bit deltas.
    const fullRates = full.attempts.map((r) => downlinkPerParam(r, full.params));
    const compressedRates = compressed.attempts.map((r) => downlinkPerParam(r, compressed.params));
    expect(fullRates.every((rate) => rate > 4)).toBe(true);
    expect(compressedRates[0]).toBeGreaterThan(4);
    for (const rate of compressedRates.slice(1)) expect(rate).toBeLessThan(1.1);
    // The coordinator keeps the exact model: the clients' (constant) deltas do not depend on their start.
    expect(Array.from(compressed.weights)).toEqual(Array.from(full.weights));
  });

  it('works in secure rounds too', async () => {
    const compressed = await run({ secure: true, bits: 8, downlink: { bits: 8, maxLag: 30 } });
    expect(compressed.attempts.filter((r) => r.outcome === 'completed').length).toBe(5);
    const rates = compressed.attempts.map((r) => downlinkPerParam(r, compressed.params));
    expect(rates[0]).toBeGreaterThan(4);
    // Secure rounds add the key and share messages to the downlink: still far below float32.
    for (const rate of rates.slice(1)) expect(rate).toBeLessThan(1.5);
  });
});
