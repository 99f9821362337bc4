import fc from 'fast-check';
import { renderProgressBar } from './progress-bar';

describe('renderProgressBar', () => {
  it('fills in proportion to done/total', () => {
    expect(renderProgressBar(0, 10, 10)).toBe('░'.repeat(10));
    expect(renderProgressBar(3, 10, 10)).toBe('███░░░░░░░');
    expect(renderProgressBar(10, 10, 10)).toBe('█'.repeat(10));
    expect(renderProgressBar(1, 3, 4)).toBe('█░░░');
  });

  it('is always `width` wide and never shrinks as done grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: -5, max: 1005 }),
        (total, width, done) => {
          const bar = renderProgressBar(done, total, width);
          const next = renderProgressBar(done + 1, total, width);
          expect(bar).toHaveLength(width);
          expect(next.split('█').length).toBeGreaterThanOrEqual(bar.split('█').length);
        },
      ),
    );
  });

  it('names bad arguments', () => {
    expect(() => renderProgressBar(1, 0, 10)).toThrow(/total/);
    expect(() => renderProgressBar(1, 10, 0)).toThrow(/width/);
    expect(() => renderProgressBar(Number.NaN, 10, 10)).toThrow(/done/);
  });
});
