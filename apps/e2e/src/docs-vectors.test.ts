import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SECURE_AGGREGATION } from '@edgefl/coordinator';
import { DEFAULT_MODEL_SPEC, decodePruningMask, encodeFloat32Vector, gatherKept, modelHash } from '@edgefl/protocol';
import { prunableKernelSegments } from '@edgefl/models';
import { applyQuantizedDelta, fixedRangeLevels, levelSumBits } from '@edgefl/quantization';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { chooseGraphParameters } from '@edgefl/secagg';

const doc = (name: string): string => readFileSync(join(__dirname, '../../..', name), 'utf8').replace(/\s+/g, ' ');
const float32Bits = (value: number): string => {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value, true);
  return `0x${view.getUint32(0, true).toString(16).padStart(8, '0')}`;
};
/** The first match's groups, failing with the pattern when the doc no longer says it. */
function says(text: string, pattern: RegExp): string[] {
  const match = pattern.exec(text);
  if (!match) throw new Error(`the doc no longer matches ${pattern}`);
  return match.slice(1);
}

describe('numbers the docs state, checked against the code', () => {
  it('PROTOCOL section 11 and QUANTIZATION pin the fixed-range grid: c32 and step bits', () => {
    for (const text of [doc('docs/PROTOCOL.md'), doc('docs/QUANTIZATION.md')]) {
      const [bits, range] = says(
        text,
        /b = (\d+), c = ([\d.]+) gives c32 = 0x[0-9a-f]{8}|fixedRangeLevels\((\d+), ([\d.]+)\)/,
      ).filter(Boolean);
      const grid = fixedRangeLevels(Number(bits), Number(range));
      const [c32, step] = says(text, /(?:c32 = |range )(0x[0-9a-f]{8})[^.]*?step (?:= )?(0x[0-9a-f]{8})/);
      expect([c32, step]).toEqual([float32Bits(grid.range), float32Bits(grid.step)]);
    }
    const vectors = [
      ...doc('docs/PROTOCOL.md').matchAll(
        /b = (\d+), c = ([\d.]+)\s(?:\(the default range\) )?gives c32 = (0x[0-9a-f]{8}) and step = (0x[0-9a-f]{8})/g,
      ),
    ];
    expect(vectors.map((vector) => vector[2])).toEqual(['0.05', '0.1']);
    for (const [, bits, range, c32, step] of vectors) {
      const grid = fixedRangeLevels(Number(bits), Number(range));
      expect([c32, step]).toEqual([float32Bits(grid.range), float32Bits(grid.step)]);
    }
  });

  it('PROTOCOL "Downlink deltas": the vector of the two roundings rebuilds what it says, with its model hash', () => {
    const [base, bytes, rebuilt, hash, once] = says(
      doc('docs/PROTOCOL.md'),
      /two roundings: base `\[([^\]]+)\]`, delta bytes `([0-9a-f]+)` .*? rebuilt `\[([^\]]+)\]` \(model hash `([0-9a-f]{32})`\), where one rounding would give `([^`]+)`/,
    );
    const model = applyQuantizedDelta(Float32Array.of(Number(base)), Buffer.from(bytes, 'hex'));
    expect([model[0], modelHash(model)]).toEqual([Number(rebuilt), hash]);
    expect(Number(once)).not.toBe(model[0]);
  });

  it('PROTOCOL "Pruning mask": the bitmap vectors, the sparse float32 payload and the reference costs at 75%', () => {
    const text = doc('docs/PROTOCOL.md');
    const rows = [...text.matchAll(/\| (\d+) \| ([\d, ]+) \| `([0-9a-f]+)` \|/g)];
    expect(rows.length).toBe(4);
    for (const [, count, kept, encoded] of rows) {
      const mask = decodePruningMask(Buffer.from(encoded, 'hex'), Number(count));
      expect(Array.from(mask.keptIndices)).toEqual(kept.split(', ').map(Number));
    }
    const [values, payload] = says(
      text,
      /a delta with `([^`]+)` at coordinates 0, 2, 3, 9 .*? float32 payload `([0-9a-f ]+)`/,
    );
    const delta = new Float32Array(10).fill(7);
    values.split(', ').forEach((value, j) => (delta[[0, 2, 3, 9][j]] = Number(value)));
    const sparse = gatherKept(delta, decodePruningMask(Buffer.from('0d02', 'hex'), 10));
    expect(Buffer.from(encodeFloat32Vector(sparse)).toString('hex')).toBe(payload.replace(/ /g, ''));
    const [k, plain, secure] = says(
      text,
      /at 75%: K = ([\d,]+), a float32 upload of ([\d,]+) bytes .*? m = 12\) of ([\d,]+) bytes/,
    ).map((n) => Number(n.replace(/,/g, '')));
    const pruned = prunableKernelSegments(DEFAULT_MODEL_SPEC).reduce(
      (n, { length }) => n + Math.floor(0.75 * length),
      0,
    );
    expect(k).toBe(16_419 - pruned);
    expect([plain, secure]).toEqual([16 + 4 * k, Math.ceil(((k + 1) * levelSumBits(8, 10)) / 8)]);
  });

  it('PROTOCOL: m is the bit length of n(2^b - 1), 12 at b = 8 and n = 10, 1.5 bytes per parameter', () => {
    const [b, n, m] = says(doc('docs/PROTOCOL.md'), /With b = (\d+) and n = (\d+) \(m = (\d+)\)/).map(Number);
    expect(levelSumBits(b, n)).toBe(m);
    expect(m / 8).toBe(1.5);
  });

  it('QUANTIZATION: the reference randomness vectors (deriveSeed, SeededRandom)', () => {
    const text = doc('docs/QUANTIZATION.md');
    expect(Number(says(text, /`deriveSeed\(1\)` = (\d+)/)[0])).toBe(deriveSeed(1));
    expect(Number(says(text, /`deriveSeed\('a'\)` = (\d+)/)[0])).toBe(deriveSeed('a'));
    expect(Number(says(text, /`deriveSeed\(7, 'quantize', 'c-1'\)` = (\d+)/)[0])).toBe(
      deriveSeed(7, 'quantize', 'c-1'),
    );
    const listed = says(text, /`SeededRandom\(1\)` yields (\d+), (\d+), (\d+), (\d+)/).map(Number);
    const rng = new SeededRandom(1);
    expect(listed).toEqual(listed.map(() => rng.nextUint32()));
  });

  it('SECAGG and PROTOCOL: the k and t chosen at 20% dropout', () => {
    for (const text of [doc('docs/SECAGG.md'), doc('docs/PROTOCOL.md')]) {
      const stated = [...text.matchAll(/k = (\d+), t = (\d+) at n = (\d+)/g)].map((match) =>
        match.slice(1).map(Number),
      );
      expect(stated.length).toBeGreaterThanOrEqual(2);
      for (const [k, t, n] of stated) {
        expect(chooseGraphParameters(n, { dropoutRate: 0.2 })).toMatchObject({ neighbourCount: k, threshold: t });
      }
    }
  });

  it('README: the defaults it states are those of the coordinator CLI (--weight-cap, --bits) and of DEFAULT_SECURE_AGGREGATION', () => {
    const readme = doc('README.md');
    const help = execFileSync(
      process.execPath,
      ['--require', 'tsx/cjs', join(__dirname, '../../coordinator/src/main.ts'), '--help'],
      { encoding: 'utf8' },
    );
    const [cap] = says(readme, /`--weight-cap N` \| coordinator: (\d+);/);
    expect(help).toMatch(new RegExp(`--weight-cap N .*\\(default ${cap}\\)`));
    expect(Number(cap)).toBe(DEFAULT_SECURE_AGGREGATION.weightCap);
    const [secureBits, plainBits] = says(
      readme,
      /\| update encoding \|.*?\| (\d+) when secure, (\d+) with `--no-secure`/,
    );
    expect(help).toMatch(new RegExp(`--bits B .*\\(default ${secureBits} when secure\\), or ${plainBits} for float`));
    expect(Number(secureBits)).toBe(DEFAULT_SECURE_AGGREGATION.bits);
  });
});
