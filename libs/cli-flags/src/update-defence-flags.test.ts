import { FlagReader } from './flag-reader';
import { readUpdateDefenceFlags } from './update-defence-flags';

const reader = (values: Record<string, string>) => new FlagReader((name) => values[name]);

describe('readUpdateDefenceFlags', () => {
  it('reads each aggregator with its parameters and the norm bound', () => {
    expect(readUpdateDefenceFlags(reader({}), { secure: true })).toEqual({ aggregator: { kind: 'fedavg' } });
    expect(
      readUpdateDefenceFlags(reader({ aggregator: 'median', 'max-update-norm': 'off' }), { secure: false }),
    ).toEqual({ aggregator: { kind: 'median' }, maxUpdateNorm: null });
    expect(readUpdateDefenceFlags(reader({ aggregator: 'trimmed-mean' }), { secure: false }).aggregator).toEqual({
      kind: 'trimmed-mean',
      trim: 0.2,
    });
    expect(
      readUpdateDefenceFlags(reader({ aggregator: 'multi-krum', 'krum-select': '2' }), { secure: false }).aggregator,
    ).toEqual({ kind: 'multi-krum', byzantine: 1, select: 2 });
  });

  it('names bad values and refuses robust aggregators with secure rounds', () => {
    expect(() =>
      readUpdateDefenceFlags(reader({ aggregator: 'trimmed-mean', trim: '0.5' }), { secure: false }),
    ).toThrow('--trim must be below 0.5, got 0.5');
    expect(() => readUpdateDefenceFlags(reader({ 'max-update-norm': '-1' }), { secure: false })).toThrow(
      '--max-update-norm must be a positive number, got -1',
    );
    expect(() => readUpdateDefenceFlags(reader({ aggregator: 'multi-krum' }), { secure: true })).toThrow(
      /multi-krum needs plain rounds/,
    );
  });
});
