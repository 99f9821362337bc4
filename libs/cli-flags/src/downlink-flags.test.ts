import { readDownlinkFlags } from './downlink-flags';
import { FlagReader } from './flag-reader';

const reader = (values: Record<string, string>) => new FlagReader((name) => values[name]);

describe('readDownlinkFlags', () => {
  it('is off at 32 bits, takes the default bits when none are given, and reads the bits and the lag otherwise', () => {
    expect(readDownlinkFlags(reader({}), 32)).toBeUndefined();
    expect(readDownlinkFlags(reader({}), 8)).toEqual({ bits: 8, maxLag: 30 });
    expect(readDownlinkFlags(reader({ 'downlink-bits': '32' }), 8)).toBeUndefined();
    expect(readDownlinkFlags(reader({ 'downlink-bits': '8' }), 32)).toEqual({ bits: 8, maxLag: 30 });
    expect(readDownlinkFlags(reader({ 'downlink-bits': '4', 'downlink-max-lag': '10' }), 32)).toEqual({
      bits: 4,
      maxLag: 10,
    });
  });

  it('names bad values', () => {
    expect(() => readDownlinkFlags(reader({ 'downlink-bits': '20' }), 32)).toThrow(
      '--downlink-bits must be 1-16, or 32 for float32, got 20',
    );
    expect(() => readDownlinkFlags(reader({ 'downlink-max-lag': '3' }), 32)).toThrow(
      '--downlink-max-lag applies to quantized downlinks only',
    );
  });
});
