import fc from 'fast-check';
import { FlagReader } from './flag-reader';
import { readUpdateEncodingFlags } from './update-encoding-flags';

const reader = (values: Record<string, string>) => new FlagReader((name) => values[name]);

describe('FlagReader', () => {
  it('reads integers, numbers, probabilities, choices and lists', () => {
    const flags = reader({ rounds: '30', lr: '0.01', dropout: '0.2', optimizer: 'sgd', widths: '16,32' });
    expect(flags.integer('rounds', { min: 1, fallback: 10 })).toBe(30);
    expect(flags.integer('missing', { min: 1, fallback: 10 })).toBe(10);
    expect(flags.integer('missing', { min: 1 })).toBeUndefined();
    expect(flags.number('lr', { positive: true, fallback: 0.002 })).toBe(0.01);
    expect(flags.probability('dropout')).toBe(0.2);
    expect(flags.choice('optimizer', ['adam', 'sgd'] as const, 'adam')).toBe('sgd');
    expect(flags.integerList('widths', 1)).toEqual([16, 32]);
  });

  it('names the flag and the bad value', () => {
    const flags = reader({ rounds: '2.5', lr: '-1', dropout: '1.5', optimizer: 'rmsprop', widths: '16,x' });
    expect(() => flags.integer('rounds', { min: 1 })).toThrow('--rounds must be an integer >= 1, got 2.5');
    expect(() => flags.number('lr', { positive: true })).toThrow('--lr must be a positive number, got -1');
    expect(() => flags.probability('dropout')).toThrow('--dropout must be a probability in [0, 1], got 1.5');
    expect(() => flags.choice('optimizer', ['adam', 'sgd'] as const, 'adam')).toThrow(
      '--optimizer must be one of adam, sgd, got rmsprop',
    );
    expect(() => flags.integerList('widths', 1)).toThrow('--widths must be comma-separated integers >= 1, got 16,x');
  });

  it('accepts exactly the integers at or above the bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -10, max: 10 }), (value, min) => {
        const read = () => reader({ n: String(value) }).integer('n', { min });
        if (value >= min) expect(read()).toBe(value);
        else expect(read).toThrow(RangeError);
      }),
    );
  });
});

describe('readUpdateEncodingFlags', () => {
  // What the CLIs pass (updateEncodingDefaults() of @edgefl/coordinator, checked there against the library).
  const defaults = { secure: true, secureBits: 8, plainBits: 32, clipRange: 0.05 };

  it('takes its defaults from the caller: secure with 8 bits, float32 only when plain', () => {
    expect(readUpdateEncodingFlags(reader({}), {}, defaults)).toEqual({ secure: true, bits: 8, clipRange: 0.05 });
    expect(readUpdateEncodingFlags(reader({}), { noSecure: true }, defaults)).toEqual({
      secure: false,
      bits: 32,
      clipRange: 0.05,
    });
    expect(readUpdateEncodingFlags(reader({ bits: '4', 'clip-range': '0.1' }), { secure: true }, defaults)).toEqual({
      secure: true,
      bits: 4,
      clipRange: 0.1,
    });
    const plainByDefault = { ...defaults, secure: false, secureBits: 6, clipRange: 0.2 };
    expect(readUpdateEncodingFlags(reader({}), {}, plainByDefault)).toEqual({
      secure: false,
      bits: 32,
      clipRange: 0.2,
    });
    expect(readUpdateEncodingFlags(reader({}), { secure: true }, plainByDefault)).toEqual({
      secure: true,
      bits: 6,
      clipRange: 0.2,
    });
  });

  it('refuses float32 in secure rounds and says what to do', () => {
    expect(() => readUpdateEncodingFlags(reader({ bits: '32' }), {}, defaults)).toThrow(/--no-secure/);
    expect(() => readUpdateEncodingFlags(reader({ bits: '20' }), { noSecure: true }, defaults)).toThrow(
      '--bits must be 1-16 or 32, got 20',
    );
    expect(() => readUpdateEncodingFlags(reader({}), { secure: true, noSecure: true }, defaults)).toThrow(
      /exclude each other/,
    );
  });
});
