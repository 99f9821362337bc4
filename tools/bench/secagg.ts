/**
 * Secure aggregation cost: client and coordinator CPU milliseconds per round and uplink bytes per
 * parameter of SecAgg+ (`@edgefl/secagg`) for the reference model's update, against the plain
 * 8-bit quantized upload measured in the same run.
 *
 *   npm run bench:secagg -- [--json FILE] [--sizes 10,100,500] [--dropouts 0,0.2] [--mc-trials 20000]
 *                           [--timed-sizes N,..] [--expected-dropout 0.2] [--seed 1] [--no-consistency-check]
 *   (`--help` lists the flags; the files: secagg-timed-round.ts drives and times a round,
 *   secagg-completion.ts estimates completion, secagg-inputs.ts the inputs and the baseline,
 *   secagg-rows.ts and secagg-report.ts the figures)
 *
 * Setup per (n, dropout): P = 16,419 parameters (DEFAULT_MODEL_SPEC) plus one weight element, so
 * x = [1, level_1 .. level_P] with 8-bit fixed-range levels; k and
 * t from chooseGraphParameters(n, declared dropout rate, default 0.2), m = b + ceil(log2 n). Each client drops
 * with probability `rate`, independently, at one of the four points of the round (before advertise, after
 * advertise, after share, after masked input) drawn uniformly.
 *
 * The round is the library's in-memory driver (runInMemorySecAggRound, real SecAggClientSession and
 * SecAggServerRound, masked inputs packed as on the wire), whose observer times every call on its own.
 * The consistency check runs (as the coordinator does by default: survivors sign U3, verify t
 * neighbours' signatures before revealing); --no-consistency-check leaves it out.
 * - client ms: CPU time (process.cpuUsage, user + system) of one client's advertiseKeys,
 *   shareKeys, maskInput + packMaskedVector, signSurvivors + checkConsistency and unmask,
 *   averaged over the clients that ran them all;
 * - coordinator ms: CPU time of the server's constructor (graph), receive* (signature checks
 *   included), close*, finish, and the unpackMaskedVector of each upload; the routing look-ups
 *   (advertisementsFor, sharesFor, consistencyRequestFor, consistencyDeliveryFor,
 *   unmaskRequestFor) are reported apart in the JSON;
 * - uplink bytes: payload bytes of what one client uploads, without socket.io/JSON framing: the
 *   UTF-8 round id and a 4-byte client id per message, and the binary fields as they go on the wire
 *   (keys, advertisement signature, the share records and revealed-share records exactly as
 *   @edgefl/protocol encodes them (u16 index + 80-byte box, u16 index + 32-byte share), the masked
 *   vector packed at m bits, the 64-byte survivor-set signature). Averaged over the clients that
 *   uploaded every message, divided by P.
 * process.cpuUsage counts every thread of the process (V8's GC helpers too), so CPU figures still
 * move by tens of percent when other processes load the cores; compare rows of one run.
 * Each completed round is checked: its sum must equal the exact sum of the survivors' inputs mod
 * 2^m, and the survivors must be the ones the dropout schedule predicts.
 *
 * A round aborts when some client keeps fewer than t live neighbours (the threshold rule,
 * `hasEnoughPeers`). The bench estimates the chance of completion by Monte Carlo over graphs and
 * dropout draws (the library's `predictRoundOutcome`, which applies its threshold rules and is
 * checked against every real round the bench times), at the chosen k and, as the baseline in the same run, at
 * the former default k = 2 ceil(log2 n), and times the first draw that completes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { levelSumBits } from '@edgefl/quantization';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import {
  buildNeighbourGraph,
  chooseGraphParameters,
  defaultNeighbourCount,
  defaultThreshold,
  modulusBitsFor,
  predictRoundOutcome,
  type PredictedRoundOutcome,
} from '@edgefl/secagg';
import { readBenchFlags } from './bench-flags';
import { cohortIds, completionProbability, drawDropouts, seedBytes, type DropoutSchedule } from './secagg-completion';
import { BITS, REFERENCE_PARAMETERS, exactSum, makeInputs, measureBaseline } from './secagg-inputs';
import { printSecAggReport } from './secagg-report';
import { fullClientUploadBytes, toRow, type KSearchRow, type Row } from './secagg-rows';
import { runTimedRound } from './secagg-timed-round';

const flags = readBenchFlags(
  'secagg',
  'SecAgg+ cost per round (client and coordinator CPU ms, uplink bytes per parameter) against the plain 8-bit upload, and the chance that a round completes.',
  {
    sizes: { kind: 'integers', min: 3, max: 65535, default: [10, 100, 500], help: 'cohort sizes n' },
    dropouts: { kind: 'numbers', min: 0, below: 1, default: [0, 0.2], help: 'dropout rates per client' },
    'mc-trials': { kind: 'integer', min: 1, default: 20000, help: 'Monte Carlo draws per completion estimate' },
    'expected-dropout': {
      kind: 'number',
      min: 0,
      below: 1,
      default: 0.2,
      help: 'the dropout rate k and t are chosen for (the coordinator default)',
    },
    'timed-sizes': {
      kind: 'integers',
      min: 3,
      max: 65535,
      help: 'the sizes whose round is also timed with real crypto (default: --sizes)',
    },
    seed: { kind: 'integer', min: 0, default: 1, help: 'seed of inputs, graphs and dropout draws' },
    'no-consistency-check': { kind: 'boolean', help: 'leave out the consistency check (survivors sign U3)' },
  },
);
const consistencyCheck = !flags['no-consistency-check'];
const { sizes, dropouts: dropoutRates, seed: runSeed } = flags;
const monteCarloTrials = flags['mc-trials'];
const declaredDropout = flags['expected-dropout'];
const timedSizes = flags['timed-sizes'] ?? sizes;
const parameters = REFERENCE_PARAMETERS;

const baseline = measureBaseline(parameters, runSeed);
console.log(
  `baseline: plain ${BITS}-bit per-chunk upload of ${parameters} parameters = ${baseline.bytes} B (${baseline.bytesPerParam.toFixed(4)} B/param), ` +
    `quantize+encode ${baseline.cpuMs.toFixed(3)} CPU ms (median of 41)`,
);

// --- SecAgg+ rounds (after one untimed warm-up round, so JIT compilation lands in none of them) ---
{
  const warmUpSize = 10;
  const warmUpK = defaultNeighbourCount(warmUpSize);
  const warmUpSchedule = drawDropouts(warmUpSize, 0, new SeededRandom(0));
  const warmUpSeed = seedBytes(new SeededRandom(0));
  const m = BITS + Math.ceil(Math.log2(warmUpSize));
  const inputs = makeInputs(warmUpSize, parameters, runSeed);
  runTimedRound(inputs, warmUpK, defaultThreshold(warmUpK), m, warmUpSeed, warmUpSchedule, consistencyCheck);
}

/** Draws graph seeds and dropouts until the prediction says the round completes. */
function drawCompletingRound(n: number, k: number, t: number, rate: number, rng: SeededRandom) {
  for (let draws = 1; draws <= 10_000; draws++) {
    const graphSeed = seedBytes(rng);
    const schedule: DropoutSchedule = drawDropouts(n, rate, rng);
    const graph = buildNeighbourGraph(cohortIds(n), k, graphSeed);
    const predicted: PredictedRoundOutcome = predictRoundOutcome(graph.neighbours, t, schedule, consistencyCheck);
    if (predicted.completes) return { draws, graphSeed, schedule, survivors: predicted.survivors };
  }
  throw new Error(`no completing dropout draw in 10,000 tries at n = ${n}, rate ${rate}`);
}

const equalArrays = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => v === b[i]);

const rows: Row[] = [];
const kSearch: KSearchRow[] = [];
const benchStart = performance.now();
for (const n of sizes) {
  // What a coordinator with the default settings runs: k and t chosen for the declared dropout rate.
  const chosen = chooseGraphParameters(n, { dropoutRate: declaredDropout });
  const k = chosen.neighbourCount;
  const t = chosen.threshold;
  const m = BITS + Math.ceil(Math.log2(n));
  if (m < modulusBitsFor(2 ** BITS - 1, n) || m < levelSumBits(BITS, n))
    throw new Error(`m = ${m} is too small for n = ${n}`);
  const inputs = makeInputs(n, parameters, runSeed);
  for (const rate of dropoutRates) {
    const rng = new SeededRandom(deriveSeed(runSeed, 'round', n, 'rate', Math.round(rate * 1000)));
    const mcRng = new SeededRandom(deriveSeed(runSeed, 'mc', n, rate * 1000));
    const probability = completionProbability(n, k, t, rate, monteCarloTrials, consistencyCheck, mcRng);
    if (timedSizes.includes(n)) {
      const { draws, graphSeed, schedule, survivors } = drawCompletingRound(n, k, t, rate, rng);
      const start = performance.now();
      const round = runTimedRound(inputs, k, t, m, graphSeed, schedule, consistencyCheck);
      if (!round.completed || round.sum === undefined)
        throw new Error(
          `n = ${n}, rate ${rate}: the round aborted although predicted to complete (${round.error?.message})`,
        );
      if (!equalArrays(round.survivors, survivors))
        throw new Error(`n = ${n}, rate ${rate}: survivors differ from the prediction`);
      const sumChecked = equalArrays(round.sum, exactSum(inputs, round.survivors, m));
      if (!sumChecked) throw new Error(`n = ${n}, rate ${rate}: the unmasked sum is not the survivors' exact sum`);
      const row = toRow(
        round,
        { n, rate, k, t, m, consistencyCheck },
        { schedule, parameters, baseline, sumChecked, draws, completionProbability: probability, monteCarloTrials },
      );
      rows.push(row);
      const fullClients = [...round.clients.values()].filter(
        (client) => client.stagesRun === (consistencyCheck ? 5 : 4),
      );
      console.error(
        `  n=${n} dropout=${rate}: round done in ${((performance.now() - start) / 1000).toFixed(1)} s wall ` +
          `(${fullClients.length} full clients, ${round.survivors.length} survivors, sum checked; total ${((performance.now() - benchStart) / 1000).toFixed(0)} s)`,
      );
    }
    if (rate > 0) {
      // Baseline in the same run: the former default k = 2 ceil(log2 n), t = k/2 + 1.
      const oldK = defaultNeighbourCount(n);
      const oldRng = new SeededRandom(deriveSeed(runSeed, 'mc-old', n, rate * 1000));
      const oldCompletion = completionProbability(
        n,
        oldK,
        defaultThreshold(oldK),
        rate,
        monteCarloTrials,
        consistencyCheck,
        oldRng,
      );
      kSearch.push({
        n,
        dropoutRate: rate,
        chosenK: k,
        chosenT: t,
        failureBound: chosen.failureBound,
        completion: probability,
        oldK,
        oldT: defaultThreshold(oldK),
        oldCompletion,
        trials: monteCarloTrials,
        fullClientBytesPerParam: fullClientUploadBytes(k, m, parameters) / parameters,
        oldFullClientBytesPerParam: fullClientUploadBytes(oldK, m, parameters) / parameters,
      });
    }
  }
}

printSecAggReport(rows, kSearch, {
  parameters,
  consistencyCheck,
  baselineMs: baseline.cpuMs,
  monteCarloTrials,
  declaredDropout,
  sizes,
  dropoutRates,
});
console.log(`total ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);
if (flags.json !== undefined) {
  mkdirSync(dirname(flags.json), { recursive: true });
  writeFileSync(flags.json, `${JSON.stringify({ baseline, rows, kSearch }, null, 2)}\n`);
  console.log(`wrote ${flags.json}`);
}
