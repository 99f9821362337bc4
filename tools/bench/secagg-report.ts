import { BITS } from './secagg-inputs';
import type { KSearchRow, Row } from './secagg-rows';

/** What the tables need to say besides their rows. */
export interface SecAggReportContext {
  parameters: number;
  consistencyCheck: boolean;
  baselineMs: number;
  monteCarloTrials: number;
  declaredDropout: number;
  sizes: readonly number[];
  dropoutRates: readonly number[];
}

/**
 * Prints the secagg bench's tables: cost per timed round, upload bytes per message, the growth of
 * the coordinator's CPU with n, and round completion at the chosen k against the former default.
 */
export function printSecAggReport(
  rows: readonly Row[],
  kSearch: readonly KSearchRow[],
  context: SecAggReportContext,
): void {
  const fixed = (value: number, digits: number, width: number): string => value.toFixed(digits).padStart(width);
  console.log(
    `\nSecAgg+ per round, P = ${context.parameters} (+1 weight element), b = ${BITS}, m = b + ceil(log2 n), consistency check ${context.consistencyCheck ? 'on' : 'off'}; ` +
      'CPU ms; uplink payload bytes per parameter',
  );
  console.log(
    `${'n'.padStart(4)} ${'drop'.padStart(5)} ${'k'.padStart(3)} ${'t'.padStart(3)} ${'m'.padStart(3)} ${'client ms'.padStart(10)} ` +
      `${'coord ms'.padStart(10)} ${'up B/p'.padStart(7)} ${'mask B/p'.padStart(8)} ${'base B/p'.padStart(8)} ${'x base'.padStart(7)} ` +
      `${'cl x base t'.padStart(11)} ${'P(complete)'.padStart(11)}`,
  );
  for (const row of rows) {
    console.log(
      `${String(row.n).padStart(4)} ${fixed(row.dropoutRate, 2, 5)} ${String(row.k).padStart(3)} ${String(row.t).padStart(3)} ${String(row.m).padStart(3)} ` +
        `${fixed(row.clientMs, 1, 10)} ${fixed(row.coordinatorMs, 1, 10)} ${fixed(row.uploadBytesPerParam, 3, 7)} ` +
        `${fixed(row.maskedVectorBytesPerParam, 3, 8)} ${fixed(row.baselineBytesPerParam, 3, 8)} ${fixed(row.uploadRatioToBaseline, 2, 7)} ` +
        `${fixed(row.clientTimeRatioToBaseline, 0, 11)} ${fixed(row.completionProbability, 3, 11)}`,
    );
  }
  console.log(
    '(client ms: advertise + share + mask + pack + sign/check + unmask of one client; coord ms: server constructor, receive*, unpack, close*, finish;\n' +
      ` x base: upload over the plain quantized upload; cl x base t: client ms over quantize+encode ${context.baselineMs.toFixed(2)} ms;` +
      ` P(complete): Monte Carlo, ${context.monteCarloTrials} draws; rows with dropout time the first draw that completes)`,
  );
  for (const row of rows) {
    const bytes = row.uploadBytesByMessage;
    console.log(
      `upload bytes per client, n = ${row.n}, dropout ${row.dropoutRate}: advertisement ${bytes.advertisement.toFixed(0)}, ` +
        `shares ${bytes.shares.toFixed(0)}, masked input ${bytes.maskedInput.toFixed(0)}, signature ${bytes.signature.toFixed(0)}, ` +
        `revealed shares ${bytes.revealedShares.toFixed(0)}; total ${Object.values(bytes)
          .reduce((a, b) => a + b, 0)
          .toFixed(0)}`,
    );
  }
  for (const rate of context.dropoutRates) {
    const measured = context.sizes
      .flatMap((n) => rows.filter((row) => row.n === n && row.dropoutRate === rate).slice(0, 1))
      .sort((a, b) => a.n - b.n);
    for (let i = 1; i < measured.length; i++) {
      const [smallRow, largeRow] = [measured[i - 1], measured[i]];
      const [small, large] = [smallRow.n, largeRow.n];
      const ratio = largeRow.coordinatorMs / smallRow.coordinatorMs;
      const scale = large / small;
      const nLogN = (large * Math.log(large)) / (small * Math.log(small));
      const exponent = Math.log(ratio) / Math.log(scale);
      console.log(
        `coordinator growth, dropout ${rate}: n ${small} -> ${large}: x${ratio.toFixed(2)} ` +
          `(n: x${scale.toFixed(1)}, n log n: x${nLogN.toFixed(2)}, n^2: x${(scale * scale).toFixed(0)}; fitted exponent ${exponent.toFixed(2)})`,
      );
    }
  }
  console.log(
    `\nRound completion, Monte Carlo over graphs and independent dropouts (${context.monteCarloTrials} draws per row); k and t chosen for a declared ${context.declaredDropout} dropout rate`,
  );
  console.log(
    `${'n'.padStart(4)} ${'drop'.padStart(5)} ${'k'.padStart(3)} ${'t'.padStart(3)} ${'bound'.padStart(8)} ${'complete'.padStart(9)} ${'up B/p'.padStart(7)} ` +
      `${'old k'.padStart(5)} ${'old t'.padStart(5)} ${'old complete'.padStart(12)} ${'old B/p'.padStart(7)} ${'timed B/p'.padStart(9)}`,
  );
  for (const found of kSearch) {
    const row = rows.find((candidate) => candidate.n === found.n && candidate.dropoutRate === found.dropoutRate);
    console.log(
      `${String(found.n).padStart(4)} ${fixed(found.dropoutRate, 2, 5)} ${String(found.chosenK).padStart(3)} ${String(found.chosenT).padStart(3)} ` +
        `${found.failureBound.toExponential(1).padStart(8)} ${(100 * found.completion).toFixed(2).padStart(8)}% ${fixed(found.fullClientBytesPerParam, 3, 7)} ` +
        `${String(found.oldK).padStart(5)} ${String(found.oldT).padStart(5)} ${(100 * found.oldCompletion).toFixed(2).padStart(11)}% ${fixed(found.oldFullClientBytesPerParam, 3, 7)} ` +
        `${fixed(row?.uploadBytesPerParam ?? Number.NaN, 3, 9)}`,
    );
  }
}
