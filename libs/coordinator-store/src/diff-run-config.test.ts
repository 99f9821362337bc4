import { canonicalJson } from './canonical-json';
import { diffRunConfig } from './diff-run-config';

describe('diffRunConfig', () => {
  it('names every differing setting by dotted path, with both values', () => {
    const recorded = { runId: 'run', rounds: 10, model: { widths: [16, 32], classes: 10 }, secure: { bits: 8 } };
    const local = { runId: 'run', rounds: 20, model: { widths: [8], classes: 10 }, seed: 3 };
    expect(diffRunConfig(recorded, local)).toEqual([
      { path: 'model.widths', recorded: '[16,32]', local: '[8]' },
      { path: 'rounds', recorded: '10', local: '20' },
      { path: 'secure', recorded: '{"bits":8}', local: 'absent' },
      { path: 'seed', recorded: 'absent', local: '3' },
    ]);
  });

  it('finds nothing between equal configurations whatever their key order', () => {
    expect(diffRunConfig({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});
