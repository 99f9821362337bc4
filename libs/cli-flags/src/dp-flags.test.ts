import { readDpFlags } from './dp-flags';
import { FlagReader } from './flag-reader';

const reader = (values: Record<string, string>): FlagReader => new FlagReader((name) => values[name]);

describe('readDpFlags', () => {
  it('is off without --dp-clip and reads every field with it', () => {
    expect(readDpFlags(reader({}))).toBeUndefined();
    expect(
      readDpFlags(reader({ 'dp-clip': '0.5', 'dp-epsilon': '8', 'dp-delta': '1e-6' }), { population: 1000 }),
    ).toEqual({ clip: 0.5, epsilon: 8, delta: 1e-6, population: 1000 });
    expect(readDpFlags(reader({ 'dp-clip': '1', 'dp-noise': '1.1' }))).toEqual({ clip: 1, noiseMultiplier: 1.1 });
    expect(readDpFlags(reader({ 'dp-clip': '1', 'dp-noise': '1.1', 'dp-clip-quantile': '0.5' }))).toEqual({
      clip: 1,
      noiseMultiplier: 1.1,
      clipQuantile: 0.5,
    });
  });

  it('names what is missing or wrong', () => {
    expect(() => readDpFlags(reader({ 'dp-noise': '1' }))).toThrow(/need --dp-clip/);
    expect(() => readDpFlags(reader({ 'dp-clip': '1' }))).toThrow(/--dp-noise Z or --dp-epsilon E/);
    expect(() => readDpFlags(reader({ 'dp-clip': '1', 'dp-noise': '1', 'dp-delta': '2' }))).toThrow(
      /--dp-delta must be below 1/,
    );
    expect(() => readDpFlags(reader({ 'dp-clip': '-1', 'dp-noise': '1' }))).toThrow(/dp-clip/);
  });
});
