import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { gzipSync } from 'node:zlib';
import { prunableKernelSegments, weightShapes } from '@edgefl/models';
import { DEFAULT_MODEL_SPEC, type ModelSpec } from '@edgefl/protocol';
import { useBackend } from '@edgefl/runtime';
import { decodeSparseArtifact } from './decode-sparse-artifact';
import { encodeSparseArtifact } from './encode-sparse-artifact';
import { loadSparseModel } from './load-sparse-model';
import { quantizeInt8PerChannel } from './quantize-int8-per-channel';
import { SparseArtifactError, sparseQuantizationAxis } from './sparse-artifact-format';
import { exportTfjsArtifact } from './tfjs-artifact';
import { randomImages, randomWeights } from './testing/random-model';
import { TINY_SPEC } from './testing/tiny-model';

/** `flat` with each prunable kernel's floor(s x length) smallest-magnitude weights set to 0. */
function pruned(spec: ModelSpec, flat: Float32Array, sparsity: number): Float32Array {
  const out = flat.slice();
  for (const { offset, length } of prunableKernelSegments(spec)) {
    const order = Array.from({ length }, (_, i) => offset + i).sort((a, b) => Math.abs(flat[a]) - Math.abs(flat[b]));
    for (const i of order.slice(0, Math.floor(sparsity * length))) out[i] = 0;
  }
  return out;
}

function predict(model: tfl.LayersModel, images: Float32Array, count: number, spec: ModelSpec): Float32Array {
  return tf.tidy(() =>
    (model.predict(tf.tensor4d(images, [count, ...spec.inputShape])) as tf.Tensor).dataSync(),
  ) as Float32Array;
}

/** Bytes the format spends on `flat` (sparse-artifact-format.ts), from the kept counts alone. */
function expectedBytes(spec: ModelSpec, flat: Float32Array, precision: 'float32' | 'int8'): number {
  let bytes = 12 + JSON.stringify(spec).length;
  let offset = 0;
  for (const shape of weightShapes(spec)) {
    const n = shape.reduce((p, d) => p * d, 1);
    const kept = flat.subarray(offset, offset + n).filter((w) => w !== 0).length;
    offset += n;
    const int8 = precision === 'int8' && shape.length >= 2;
    const b = int8 ? 1 : 4;
    const scales = int8 ? 4 * shape[sparseQuantizationAxis(shape)] : 0;
    bytes += 1 + scales + Math.min(n * b, Math.ceil(n / 8) + kept * b);
  }
  return bytes;
}

describe('sparse weights artifact (bitmap + kept values)', () => {
  const images = randomImages(8, TINY_SPEC.inputShape, 3);
  let weights: Float32Array;
  let dense: tfl.LayersModel;

  beforeAll(async () => {
    await useBackend('cpu');
    weights = pruned(TINY_SPEC, randomWeights(TINY_SPEC, 11), 0.75);
    const { modelJson, weightData } = await exportTfjsArtifact(TINY_SPEC, weights, 'float32');
    dense = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: weightData.slice().buffer,
      }),
    );
  });
  afterAll(() => dense.dispose());

  it('float32: decodes to the pruned weights bit for bit, and the rebuilt model reproduces the tfjs-float32 outputs exactly', () => {
    const bytes = encodeSparseArtifact(TINY_SPEC, weights, 'float32');
    const decoded = decodeSparseArtifact(bytes);
    expect(decoded.spec).toEqual(TINY_SPEC);
    expect(decoded.precision).toBe('float32');
    expect(Buffer.from(decoded.weights.buffer).equals(Buffer.from(weights.buffer))).toBe(true);
    const model = loadSparseModel(bytes);
    expect(Array.from(predict(model, images, 8, TINY_SPEC))).toEqual(Array.from(predict(dense, images, 8, TINY_SPEC)));
    model.dispose();
  });

  it('int8: kernels are the per-channel int8 dequantization (pruned ones exactly 0), biases exact, outputs within int8 error', () => {
    const bytes = encodeSparseArtifact(TINY_SPEC, weights, 'int8');
    const { weights: decoded, precision } = decodeSparseArtifact(bytes);
    expect(precision).toBe('int8');
    let offset = 0;
    for (const shape of weightShapes(TINY_SPEC)) {
      const n = shape.reduce((p, d) => p * d, 1);
      const original = weights.subarray(offset, offset + n);
      const got = decoded.subarray(offset, offset + n);
      if (shape.length === 1) {
        expect(Array.from(got)).toEqual(Array.from(original));
      } else {
        const axis = sparseQuantizationAxis(shape);
        const { data, scales } = quantizeInt8PerChannel(original, shape, axis);
        const inner = shape.slice(axis + 1).reduce((p, d) => p * d, 1);
        for (let i = 0; i < n; i++) {
          const scale = scales[Math.floor(i / inner) % shape[axis]];
          expect(got[i]).toBe(Math.fround(data[i] * scale) || 0);
          expect(Math.abs(got[i] - original[i])).toBeLessThanOrEqual(scale / 2 + 1e-9);
          if (original[i] === 0) expect(Object.is(got[i], 0)).toBe(true);
        }
      }
      offset += n;
    }
    const model = loadSparseModel(bytes);
    const probabilities = predict(model, images, 8, TINY_SPEC);
    const reference = predict(dense, images, 8, TINY_SPEC);
    model.dispose();
    const maxDiff = probabilities.reduce((max, p, i) => Math.max(max, Math.abs(p - reference[i])), 0);
    expect(maxDiff).toBeLessThan(0.02);
  });

  it.each(['float32', 'int8'] as const)(
    '%s: its bytes are the header plus, per tensor, a layout byte, the bitmap and the kept values (or the dense values when smaller)',
    (precision) => {
      expect(encodeSparseArtifact(TINY_SPEC, weights, precision).length).toBe(
        expectedBytes(TINY_SPEC, weights, precision),
      );
    },
  );

  it('reference model at 75%: int8 about K bytes + P/8 of bitmap over the pruned kernels, gzipped under 12% of float32', () => {
    const flat = pruned(DEFAULT_MODEL_SPEC, randomWeights(DEFAULT_MODEL_SPEC, 2), 0.75);
    const segments = prunableKernelSegments(DEFAULT_MODEL_SPEC);
    const prunedLength = segments.reduce((sum, { length }) => sum + length, 0);
    const kept = flat.filter((w) => w !== 0).length;
    const int8 = encodeSparseArtifact(DEFAULT_MODEL_SPEC, flat, 'int8');
    const float32 = encodeSparseArtifact(DEFAULT_MODEL_SPEC, flat, 'float32');
    expect(int8.length).toBe(expectedBytes(DEFAULT_MODEL_SPEC, flat, 'int8'));
    // K kept values at 1 byte, a bitmap over the 16,192 pruned-kernel weights, and small change
    // (biases as float32, per-channel scales, the spec): under 5% more.
    const core = kept + prunedLength / 8;
    expect(int8.length).toBeGreaterThan(core);
    expect(int8.length).toBeLessThan(core * 1.15);
    expect(float32.length).toBeLessThan(4 * kept + prunedLength / 8 + 400);
    const denseFloat32Bytes = 4 * flat.length;
    expect(gzipSync(int8, { level: 9 }).length / denseFloat32Bytes).toBeLessThan(0.12);
  });

  it('a dense model stores every tensor dense: header + one byte per tensor + the values', () => {
    const flat = randomWeights(TINY_SPEC, 4);
    const bytes = encodeSparseArtifact(TINY_SPEC, flat, 'float32');
    const tensors = weightShapes(TINY_SPEC).length;
    expect(bytes.length).toBe(12 + JSON.stringify(TINY_SPEC).length + tensors + 4 * flat.length);
    expect(decodeSparseArtifact(bytes).weights).toEqual(flat);
  });

  it('refuses a malformed file with a SparseArtifactError naming the fault', () => {
    const bytes = encodeSparseArtifact(TINY_SPEC, weights, 'int8');
    const corrupt = (edit: (copy: Uint8Array) => Uint8Array) => () => decodeSparseArtifact(edit(bytes.slice()));
    expect(corrupt((b) => b.fill(0x41, 0, 4))).toThrow(
      new SparseArtifactError('not a sparse artifact: magic "AAAA", expected "EFLS"'),
    );
    expect(corrupt((b) => ((b[4] = 2), b))).toThrow('sparse artifact version 2 is not supported (1)');
    expect(corrupt((b) => ((b[5] = 9), b))).toThrow('sparse artifact precision code 9 is unknown');
    expect(corrupt((b) => b.subarray(0, b.length - 1))).toThrow(SparseArtifactError);
    expect(corrupt((b) => Uint8Array.from([...b, 0]))).toThrow('sparse artifact has 1 bytes after its last tensor');
    const specEnd = 12 + JSON.stringify(TINY_SPEC).length;
    expect(corrupt((b) => ((b[specEnd] = 7), b))).toThrow('tensor 0 has unknown layout 7');
    expect(corrupt((b) => ((b[14] = 0x20), b))).toThrow(/^sparse artifact spec is invalid/);
    expect(() => decodeSparseArtifact(new Uint8Array(3))).toThrow(SparseArtifactError);
  });

  it('int8: a kernel of shape [kh, kw, c, 1] has c scales, a 1-filter pointwise kernel too (the axis follows the shape)', () => {
    // Shapes: [3,3,1,1] [1,1,1,2] [2] [3,3,2,1] [1,1,2,1] [1] [1,2] [2]; no zero, so every tensor is dense.
    const spec: ModelSpec = { kind: 'separable-cnn', inputShape: [4, 4, 1], widths: [2, 1], classes: 2 };
    const flat = Float32Array.from({ length: 38 }, (_, i) => ((i * 37) % 23) / 10 - 1.15);
    const bytes = encodeSparseArtifact(spec, flat, 'int8');
    const kernels = 9 + 2 + 18 + 2 + 2;
    const biases = 4 * (2 + 1 + 2);
    const scales = 4 * (1 + 2 + 2 + 2 + 2); // the [1, 1, 2, 1] pointwise kernel: 2 scales, along axis 2
    expect(bytes.length).toBe(12 + JSON.stringify(spec).length + 8 + kernels + biases + scales);
    const pointwise = quantizeInt8PerChannel(flat.subarray(31, 33), [1, 1, 2, 1], 2);
    const decoded = decodeSparseArtifact(bytes).weights.subarray(31, 33);
    expect(Array.from(decoded)).toEqual(Array.from(pointwise.data, (q, i) => Math.fround(q * pointwise.scales[i])));
  });

  it('refuses a spec declaring more weights than the file can hold before allocating them', () => {
    /** A header whose spec declares `spec`'s weights, followed by `tail` (a 1-byte dense layout, say). */
    const crafted = (spec: ModelSpec, tail: number[]) => {
      const json = new TextEncoder().encode(JSON.stringify(spec));
      const header = Uint8Array.of(0x45, 0x46, 0x4c, 0x53, 1, 0, 0, 0, 0, 0, 0, 0);
      new DataView(header.buffer).setUint32(8, json.length, true);
      return Uint8Array.from([...header, ...json, ...tail]);
    };
    // 2^35 dense-kernel weights (128 GiB as float32), then 1 byte: nothing may be allocated for them.
    const huge: ModelSpec = { kind: 'separable-cnn', inputShape: [262_144, 262_144, 1], widths: [1], classes: 2 };
    expect(() => decodeSparseArtifact(crafted(huge, [0]))).toThrow(
      /^sparse artifact truncated: its spec declares 34359738381 weights, at least 4294967306 bytes, but 1 remain$/,
    );
    // Sizes past 2^53 (not exact integers) are refused the same way, as too large, never as a RangeError.
    const past: ModelSpec = { kind: 'separable-cnn', inputShape: [2 ** 40, 2 ** 40, 1], widths: [1], classes: 2 };
    expect(() => decodeSparseArtifact(crafted(past, []))).toThrow(SparseArtifactError);
  });
});
