import { MODEL_URL_PATTERN, modelJsonPath } from './model-routes';

describe('modelJsonPath', () => {
  it('names the latest and a committed version', () => {
    expect(modelJsonPath()).toBe('/api/model/model.json');
    expect(modelJsonPath(0)).toBe('/api/model/v/0/model.json');
    expect(modelJsonPath(12)).toBe('/api/model/v/12/model.json');
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('refuses version %p', (version) => {
    expect(() => modelJsonPath(version)).toThrow(RangeError);
  });

  it('produces paths that round-end.modelUrl accepts', () => {
    expect(MODEL_URL_PATTERN.test(modelJsonPath())).toBe(true);
    expect(MODEL_URL_PATTERN.test(modelJsonPath(7))).toBe(true);
  });
});
