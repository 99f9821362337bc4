/**
 * Quantization throughput: quantize+pack (`encodeQuantizedUpdate(stochasticQuantize(..))`) and
 * unpack+dequantize (`dequantize(decodeQuantizedUpdate(..))`) of a 1M-value float32 update at
 * 2, 4, 8 and 16 bits (per-chunk 1024), in MB/s of float32 input and as a ratio to a plain
 * `new Float32Array(x)` copy measured in the same run.
 *
 * Usage: npx tsx tools/bench/quant.ts [--json FILE] [--size N] [--runs N]
 */
import { performance } from 'node:perf_hooks';
import {
  decodeQuantizedUpdate,
  dequantize,
  encodeQuantizedUpdate,
  stochasticQuantize,
  type QuantizerConfig,
} from '@edgefl/quantization';
import { SeededRandom } from '@edgefl/random';
import { readBenchFlags } from './bench-flags';
import { writeJsonRows } from './bench-output';

interface Row {
  op: 'copy' | 'quantize+pack' | 'unpack+dequantize';
  bits: number;
  mbPerSec: number;
  ratioToCopy: number;
}

const {
  size,
  runs,
  json: jsonPath,
} = readBenchFlags(
  'quant',
  'Quantization throughput (quantize+pack, unpack+dequantize) in MB/s of float32 input, against a plain copy in the same run.',
  {
    size: { kind: 'integer', min: 1, default: 1_000_000, help: 'values in the update' },
    runs: { kind: 'integer', min: 1, default: 9, help: 'timed runs per figure (median)' },
  },
);
const warmups = 3;

/** Median wall time of `run` in milliseconds, after warm-up. */
function medianMs(run: () => unknown): number {
  let sink = 0;
  for (let i = 0; i < warmups; i++) sink += run() ? 1 : 0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    sink += run() ? 1 : 0;
    times.push(performance.now() - start);
  }
  if (sink < 0) console.log(sink); // keeps results alive
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rng = new SeededRandom(2024);
const values = Float32Array.from({ length: size }, () => 0.01 * rng.nextNormal());
const inputMb = (size * 4) / 1e6;
const mbPerSec = (ms: number): number => inputMb / (ms / 1000);

const copyMs = medianMs(() => new Float32Array(values));
const copyRate = mbPerSec(copyMs);
const rows: Row[] = [{ op: 'copy', bits: 32, mbPerSec: copyRate, ratioToCopy: 1 }];
const encodedBytes = new Map<number, number>();

for (const bits of [2, 4, 8, 16]) {
  const config: QuantizerConfig = { bits, clip: { kind: 'per-chunk', chunkSize: 1024 } };
  let seed = 1;
  const encoded = encodeQuantizedUpdate(stochasticQuantize(values, config, seed));
  encodedBytes.set(bits, encoded.length);
  const quantizeMs = medianMs(() => encodeQuantizedUpdate(stochasticQuantize(values, config, seed++)));
  const dequantizeMs = medianMs(() => dequantize(decodeQuantizedUpdate(encoded)));
  rows.push({
    op: 'quantize+pack',
    bits,
    mbPerSec: mbPerSec(quantizeMs),
    ratioToCopy: mbPerSec(quantizeMs) / copyRate,
  });
  rows.push({
    op: 'unpack+dequantize',
    bits,
    mbPerSec: mbPerSec(dequantizeMs),
    ratioToCopy: mbPerSec(dequantizeMs) / copyRate,
  });
}

console.log(
  `quantization throughput, ${size.toLocaleString('en-US')} float32 values (${inputMb} MB), median of ${runs} runs after ${warmups} warm-ups`,
);
console.log(
  `${'op'.padEnd(18)} ${'bits'.padStart(4)} ${'MB/s'.padStart(9)} ${'x copy'.padStart(8)} ${'bytes/value'.padStart(12)}`,
);
for (const row of rows) {
  const bytesPerValue = row.op === 'copy' ? 4 : (encodedBytes.get(row.bits) ?? 0) / size;
  console.log(
    `${row.op.padEnd(18)} ${String(row.bits).padStart(4)} ${row.mbPerSec.toFixed(1).padStart(9)} ${row.ratioToCopy.toFixed(4).padStart(8)} ${bytesPerValue.toFixed(4).padStart(12)}`,
  );
}
if (jsonPath) {
  writeJsonRows(jsonPath, rows);
  console.log(`wrote ${jsonPath}`);
}
