import { applyQuantizedDelta } from './apply-quantized-delta';
import { encodeQuantizedUpdate } from './encode-quantized-update';
import { QuantizationFormatError } from './quantization-format-error';

describe('applyQuantizedDelta', () => {
  const bytes = Uint8Array.from(Buffer.from('45464c5101080000040000000100000004000000cdccccbd6f12833a00ff8040', 'hex'));

  it('rebuilds base + dequantized delta in float32 (the PROTOCOL.md vector)', () => {
    const rebuilt = applyQuantizedDelta(Float32Array.from([0.5, -0.25, 1, 2]), bytes);
    expect(Array.from(rebuilt)).toEqual([
      0.4000000059604645, -0.09499998390674591, 1.027999997138977, 1.9639999866485596,
    ]);
    const same = encodeQuantizedUpdate({
      bits: 8,
      length: 4,
      levels: Uint16Array.from([0, 255, 128, 64]),
      offsets: Float32Array.from([-0.1]),
      steps: Float32Array.from([0.001]),
      segmentLengths: Uint32Array.from([4]),
    });
    expect(Buffer.from(same).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
  });

  it('rounds the dequantized value to float32 before the sum (the PROTOCOL.md vector of the two roundings)', () => {
    const one = Uint8Array.from(Buffer.from('45464c5101080000010000000100000001000000cdccccbd6f12833a14', 'hex'));
    const rebuilt = applyQuantizedDelta(Float32Array.of(0.5), one);
    expect(rebuilt[0]).toBe(0.42000001668930054);
    // One rounding of the whole sum (what PROTOCOL.md used to say) gives other bits here.
    const offset = Math.fround(-0.1);
    const step = Math.fround(0.001);
    expect(Math.fround(0.5 + (offset + step * 20))).toBe(0.41999998688697815);
  });

  it('refuses a delta of another length, naming both', () => {
    expect(() => applyQuantizedDelta(new Float32Array(5), bytes)).toThrow(
      new QuantizationFormatError('inconsistent', 'the delta has 4 values, the base model 5'),
    );
  });
});
