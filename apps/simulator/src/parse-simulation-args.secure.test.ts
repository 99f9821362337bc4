import { parseSimulationArgs } from './parse-simulation-args';

describe('parseSimulationArgs: secure aggregation flags', () => {
  it('is secure by default, at 8 bits', () => {
    expect(parseSimulationArgs([])).toMatchObject({
      secure: true,
      bits: 8,
      clipRange: 0.1,
      neighbours: undefined,
      threshold: undefined,
    });
  });

  it('reads --no-secure (float32 by default), --neighbours, --threshold, --clip-range, --weight-cap', () => {
    expect(parseSimulationArgs(['--no-secure'])).toMatchObject({ secure: false, bits: 32 });
    expect(
      parseSimulationArgs([
        '--secure',
        '--bits',
        '4',
        '--neighbours',
        '4',
        '--threshold',
        '3',
        '--clip-range',
        '0.2',
        '--weight-cap',
        '300',
      ]),
    ).toMatchObject({
      secure: true,
      bits: 4,
      neighbours: 4,
      threshold: 3,
      clipRange: 0.2,
      weightCap: 300,
    });
  });

  it('explains why --bits 32 needs --no-secure, and names other bad flags', () => {
    expect(() => parseSimulationArgs(['--bits', '32'])).toThrow(
      /--bits 32 does not work with secure aggregation.*--no-secure/,
    );
    expect(() => parseSimulationArgs(['--secure', '--no-secure'])).toThrow(/exclude each other/);
    expect(() => parseSimulationArgs(['--clip-range=-1'])).toThrow(/--clip-range must be a positive number/);
    expect(() => parseSimulationArgs(['--neighbours', '0'])).toThrow(/--neighbours must be an integer >= 1/);
  });
});
