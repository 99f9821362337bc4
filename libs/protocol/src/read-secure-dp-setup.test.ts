import { readRecord } from './field-readers';
import { readSecureDpSetup } from './read-secure-dp-setup';

const VALID = {
  clip: 1,
  paddedLength: 1024,
  gridStep: 0.001,
  roundingBound: 1200.5,
  noiseVariance: 90000,
  rotationSeed: Buffer.alloc(32, 1).toString('base64'),
};

describe('readSecureDpSetup', () => {
  it('reads a valid setup', () => {
    expect(readSecureDpSetup(readRecord({ dp: VALID }, 'task.secure'), 'dp')).toEqual(VALID);
  });

  it.each([
    ['paddedLength', 1000, 'task.secure.dp.paddedLength must be a power of two'],
    ['clip', 0, 'task.secure.dp.clip must be a finite number above 0'],
    ['noiseVariance', 2.5, 'task.secure.dp.noiseVariance'],
    ['rotationSeed', 'abc', 'task.secure.dp.rotationSeed'],
    ['gridStep', Number.NaN, 'task.secure.dp.gridStep'],
  ])('names a bad %s', (field, value, message) => {
    expect(() => readSecureDpSetup(readRecord({ dp: { ...VALID, [field]: value } }, 'task.secure'), 'dp')).toThrow(
      message,
    );
  });
});
