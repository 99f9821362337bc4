import { encodeSecureInput } from '@edgefl/quantization';
import { deriveSeed } from '@edgefl/random';
import { plainSecureInput, sumVectors } from './plain-secure-input';

describe('plainSecureInput (the plain oracle of a secure round)', () => {
  it("gives the client's own encoding of the same delta, samples and round seed, level for level", () => {
    const delta = Float32Array.from({ length: 33 }, (_, i) => (i - 16) / 640);
    const record = { clientId: 'c7', delta, numSamples: 37, roundSeed: 123_456 };
    const seed = deriveSeed(record.roundSeed, 'secure-quantize', record.clientId);
    const client = encodeSecureInput(delta, 37, { bits: 8, range: 0.05, weightCap: 100, vectorLength: 34 }, seed);
    expect(Array.from(plainSecureInput(record, 8, 0.05, 100))).toEqual(Array.from(client));
  });

  it('sums vectors element by element', () => {
    expect(Array.from(sumVectors([Uint32Array.of(1, 2, 3), Uint32Array.of(10, 20, 30)]))).toEqual([11, 22, 33]);
  });
});
