import fc from 'fast-check';
import { DEFAULT_MODEL_SPEC, type ModelSpec, modelParameterCount } from '@edgefl/protocol';
import { countParameters } from './count-parameters';

describe('countParameters', () => {
  it('counts 16,419 for the reference model', () => {
    expect(countParameters(DEFAULT_MODEL_SPEC)).toBe(16_419);
  });

  it("matches the closed form for any spec, as the protocol's modelParameterCount (the parsers' copy) does", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((blocks) =>
          fc.record({
            kind: fc.constant('separable-cnn' as const),
            inputShape: fc.tuple(
              fc.integer({ min: 2 ** blocks, max: 64 }),
              fc.integer({ min: 2 ** blocks, max: 64 }),
              fc.integer({ min: 1, max: 4 }),
            ),
            widths: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: blocks, maxLength: blocks }),
            classes: fc.integer({ min: 2, max: 20 }),
          }),
        ),
        (spec: ModelSpec) => {
          let [h, w, c] = spec.inputShape;
          let expected = 0;
          for (const width of spec.widths) {
            expected += 9 * c + c * width + width;
            c = width;
            h = Math.floor(h / 2);
            w = Math.floor(w / 2);
          }
          expected += h * w * c * spec.classes + spec.classes;
          return countParameters(spec) === expected && modelParameterCount(spec) === expected;
        },
      ),
    );
  });

  it('names a bad argument', () => {
    expect(() => countParameters({ ...DEFAULT_MODEL_SPEC, classes: 1 })).toThrow(/spec\.classes/);
  });
});
