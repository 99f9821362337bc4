/**
 * Secure aggregation cost: client and coordinator CPU milliseconds per round and uplink bytes per
 * parameter of SecAgg+ (`@edgefl/secagg`) for the reference model's update, against the plain
 * 8-bit quantized upload measured in the same run.
 *
 *   npx tsx tools/bench/secagg.ts [--json FILE] [--sizes 10,100,500] [--dropouts 0,0.2]
 *                                 [--mc-trials 2000] [--seed 1] [--no-consistency-check]
 *
 * Setup per (n, dropout): P = 16,419 parameters (DEFAULT_MODEL_SPEC) plus one weight element, so
 * x = [1, level_1 .. level_P] with 8-bit fixed-range levels; k and
 * t from chooseGraphParameters(n, declared dropout rate, default 0.2), m = b + ceil(log2 n). Each client drops
 * with probability `rate`, independently, at one of the four points of the round (before advertise, after
 * advertise, after share, after masked input) drawn uniformly.
 *
 * The round is driven here, stage by stage, with the real SecAggClientSession and
 * SecAggServerRound (as runInMemorySecAggRound does), so that every call can be timed on its own.
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
 * dropout draws (`predictRoundOutcome`, which mirrors the library's threshold rules and is checked
 * against every real round it times), at the chosen k and, as the baseline in the same run, at
 * the former default k = 2 ceil(log2 n), and times the first draw that completes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import nacl from 'tweetnacl';
import { weightShapes } from '@edgefl/models';
import { DEFAULT_MODEL_SPEC, RoundStage, encodeOwnedShareRecords, encodeShareRecords } from '@edgefl/protocol';
import { encodeQuantizedUpdate, levelSumBits, stochasticQuantize, type QuantizerConfig } from '@edgefl/quantization';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import {
  SecAggClientSession,
  SecAggServerRound,
  ThresholdError,
  buildNeighbourGraph,
  chooseGraphParameters,
  defaultNeighbourCount,
  defaultThreshold,
  minimumSurvivors,
  modulusBitsFor,
  packMaskedVector,
  unpackMaskedVector,
  type SharesUpload,
  type ConsistencySignature,
  type KeyAdvertisement,
  type RevealedShares,
} from '@edgefl/secagg';

const BITS = 8;
const FIXED_RANGE = 0.05;
const ROUND_ID = 'bench-round';
const ROUND_ID_BYTES = new TextEncoder().encode(ROUND_ID).length;
const ID_BYTES = 4;
const consistencyCheck = !process.argv.includes('--no-consistency-check');
const STAGE_NAMES = ['beforeAdvertise', 'afterAdvertise', 'afterShare', 'afterMaskedInput'] as const;
type DropoutPoint = (typeof STAGE_NAMES)[number];
type DropoutSchedule = Record<DropoutPoint, ReadonlySet<number>>;

interface ClientStageMs {
  advertise: number;
  share: number;
  mask: number;
  pack: number;
  consistency: number;
  unmask: number;
}

interface CoordinatorMs {
  setup: number;
  receive: number;
  unpack: number;
  close: number;
  finish: number;
  routing: number;
}

interface Row {
  n: number;
  dropoutRate: number;
  consistencyCheck: boolean;
  dropouts: Record<DropoutPoint, number>;
  k: number;
  t: number;
  m: number;
  vectorLength: number;
  parameters: number;
  /** Mean CPU ms of one client's four stages (clients that ran them all). */
  clientMs: number;
  clientStageMs: ClientStageMs;
  /** Wall-clock counterpart of clientMs (inflated when other processes share the cores). */
  clientWallMs: number;
  /** CPU ms of the server's constructor, receive*, unpack, close* and finish. */
  coordinatorMs: number;
  coordinatorBreakdownMs: CoordinatorMs;
  coordinatorWallMs: number;
  uploadBytesPerParam: number;
  uploadBytesByMessage: UploadBytes;
  maskedVectorBytesPerParam: number;
  baselineBytesPerParam: number;
  uploadRatioToBaseline: number;
  /** clientMs over the baseline's quantize+encode CPU ms. */
  clientTimeRatioToBaseline: number;
  survivors: number;
  sumChecked: boolean;
  /** Dropout draws tried until one completed (the earlier ones were predicted and would abort). */
  drawsUntilComplete: number;
  /** Monte Carlo estimate of the chance that a round completes at this n, rate, k and t. */
  completionProbability: number;
  monteCarloTrials: number;
}

interface UploadBytes {
  advertisement: number;
  shares: number;
  maskedInput: number;
  /** secagg-signature of the consistency check (0 without it). */
  signature: number;
  revealedShares: number;
}

/** Completion at the chosen k against the former default k, same rate, same number of draws. */
interface KSearchRow {
  n: number;
  dropoutRate: number;
  chosenK: number;
  chosenT: number;
  /** The union bound chooseGraphParameters computed for the declared rate. */
  failureBound: number;
  completion: number;
  oldK: number;
  oldT: number;
  oldCompletion: number;
  trials: number;
  /** Upload of a client that sends every message with all k neighbours sharing (record sizes of the protocol encoders), per parameter. */
  fullClientBytesPerParam: number;
  oldFullClientBytesPerParam: number;
}

/**
 * Bytes one client uploads when it sends every message and all k neighbours shared: per message
 * the round id and a 4-byte client id, then advertisement 32 + 32 + 64, k share records of 82,
 * the masked vector at m bits, a 64-byte signature, k owned-share records of 34. The timed rows
 * measure the same from the real messages (fewer reveal records when neighbours dropped).
 */
function fullClientUploadBytes(k: number, m: number): number {
  const perMessage = ROUND_ID_BYTES + ID_BYTES;
  return 5 * perMessage + 128 + 82 * k + Math.ceil(((parameters + 1) * m) / 8) + 64 + 34 * k;
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

function numberList(name: string, fallback: string): number[] {
  const values = option(name, fallback).split(',').map(Number);
  if (values.some((value) => !Number.isFinite(value)))
    throw new RangeError(`--${name} must be a comma-separated list of numbers`);
  return values;
}

const jsonPath = process.argv.includes('--json') ? option('json', '') : undefined;
if (jsonPath === '') throw new RangeError('--json needs a file path');
const sizes = numberList('sizes', '10,100,500');
const dropoutRates = numberList('dropouts', '0,0.2');
const monteCarloTrials = Number(option('mc-trials', '20000'));
const declaredDropout = Number(option('expected-dropout', '0.2'));
// Sizes whose round is also timed with real crypto (the completion table covers every size).
const timedSizes = numberList('timed-sizes', option('sizes', '10,100,500'));
const runSeed = Number(option('seed', '1'));
if (sizes.some((n) => !Number.isInteger(n) || n < 3 || n > 65535))
  throw new RangeError('--sizes must be integers in 3..65535');
if (dropoutRates.some((rate) => rate < 0 || rate >= 1)) throw new RangeError('--dropouts must be rates in [0, 1)');
if (!Number.isInteger(monteCarloTrials) || monteCarloTrials < 1)
  throw new RangeError('--mc-trials must be a positive integer');

/** Runs `action` and returns its result with the CPU and wall milliseconds it took. */
function timed<T>(action: () => T): { value: T; cpuMs: number; wallMs: number } {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const value = action();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { value, cpuMs: (cpu.user + cpu.system) / 1000, wallMs };
}

function seedBytes(rng: SeededRandom): Uint8Array {
  return Uint8Array.from({ length: 32 }, () => rng.nextInt(256));
}

/**
 * Each client drops with probability `rate`, independently (the model the coordinator's
 * --expected-dropout declares), at one of the four dropout points drawn uniformly.
 */
function drawDropouts(n: number, rate: number, rng: SeededRandom): DropoutSchedule {
  const schedule = Object.fromEntries(STAGE_NAMES.map((name) => [name, new Set<number>()])) as Record<
    DropoutPoint,
    Set<number>
  >;
  for (let id = 1; id <= n; id++) {
    if (rng.nextFloat() < rate) schedule[STAGE_NAMES[rng.nextInt(STAGE_NAMES.length)]].add(id);
  }
  return schedule;
}

interface PredictedOutcome {
  completes: boolean;
  survivors: number[];
}

/**
 * What the library does with a dropout schedule on a graph, from its threshold rules alone:
 * a client aborts in shareKeys with fewer than t advertised neighbours, in maskInput with fewer
 * than t shares, refuses to sign (check) or unmask with fewer than t surviving sharers; close* abort
 * below t; with the check a client reveals only with t signing neighbours; finish aborts unless
 * every survivor's self seed and every dropped sharer's mask key has t revealers.
 */
function predictRoundOutcome(
  neighbours: ReadonlyMap<number, readonly number[]>,
  t: number,
  schedule: DropoutSchedule,
): PredictedOutcome {
  const ids = [...neighbours.keys()];
  const peersIn = (id: number, set: ReadonlySet<number>): number =>
    (neighbours.get(id) ?? []).filter((peer) => set.has(peer)).length;
  const u1 = new Set(ids.filter((id) => !schedule.beforeAdvertise.has(id)));
  if (u1.size < minimumSurvivors(t)) return { completes: false, survivors: [] };
  const u2 = new Set([...u1].filter((id) => !schedule.afterAdvertise.has(id) && peersIn(id, u1) >= t));
  if (u2.size < minimumSurvivors(t)) return { completes: false, survivors: [] };
  const u3 = new Set([...u2].filter((id) => !schedule.afterShare.has(id) && peersIn(id, u2) >= t));
  if (u3.size < minimumSurvivors(t)) return { completes: false, survivors: [] };
  const answering = new Set([...u3].filter((id) => !schedule.afterMaskedInput.has(id) && peersIn(id, u3) >= t));
  if (consistencyCheck && answering.size < minimumSurvivors(t)) return { completes: false, survivors: [] };
  const revealers = consistencyCheck ? new Set([...answering].filter((id) => peersIn(id, answering) >= t)) : answering;
  const droppedSharers = [...u2].filter((id) => !u3.has(id));
  const completes = [...u3, ...droppedSharers].every((id) => peersIn(id, revealers) >= t);
  return { completes, survivors: [...u3].sort((a, b) => a - b) };
}

function completionProbability(
  n: number,
  k: number,
  t: number,
  rate: number,
  trials: number,
  rng: SeededRandom,
): number {
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  let completed = 0;
  for (let trial = 0; trial < trials; trial++) {
    const graph = buildNeighbourGraph(ids, k, seedBytes(rng));
    if (predictRoundOutcome(graph.neighbours, t, drawDropouts(n, rate, rng)).completes) completed++;
  }
  return completed / trials;
}

/** The client inputs x = [1, 8-bit fixed-range levels of a random update], by client id. */
function makeInputs(n: number, parameters: number): Map<number, Uint32Array> {
  const config: QuantizerConfig = { bits: BITS, clip: { kind: 'fixed', range: FIXED_RANGE } };
  const inputs = new Map<number, Uint32Array>();
  for (let id = 1; id <= n; id++) {
    const rng = new SeededRandom(deriveSeed(runSeed, 'update', id));
    const delta = Float32Array.from({ length: parameters }, () => 0.01 * rng.nextNormal());
    const { levels } = stochasticQuantize(delta, config, deriveSeed(runSeed, 'quantize', id));
    const x = new Uint32Array(parameters + 1);
    x[0] = 1;
    x.set(levels, 1);
    inputs.set(id, x);
  }
  return inputs;
}

const advertisementBytes = (advert: KeyAdvertisement): number =>
  ROUND_ID_BYTES + ID_BYTES + advert.shareKey.length + advert.maskKey.length + advert.signature.length;
const sharesUploadBytes = (upload: SharesUpload): number =>
  ROUND_ID_BYTES + ID_BYTES + encodeShareRecords(upload.shares, ROUND_ID).length;
const maskedInputBytes = (packed: Uint8Array): number => ROUND_ID_BYTES + ID_BYTES + packed.length;
const signatureBytes = (signed: ConsistencySignature): number => ROUND_ID_BYTES + ID_BYTES + signed.signature.length;
const revealedSharesBytes = (revealed: RevealedShares): number =>
  ROUND_ID_BYTES +
  ID_BYTES +
  encodeOwnedShareRecords(revealed.selfSeedShares).length +
  encodeOwnedShareRecords(revealed.maskKeyShares).length;
/** Messages a client that stays to the end uploads. */
const MESSAGES_PER_CLIENT = consistencyCheck ? 5 : 4;

interface ClientRecord {
  cpu: ClientStageMs;
  wallMs: number;
  bytes: UploadBytes;
  stagesRun: number;
}

interface TimedRound {
  completed: boolean;
  sum?: Uint32Array;
  survivors: readonly number[];
  clients: Map<number, ClientRecord>;
  coordinator: CoordinatorMs;
  coordinatorWallMs: number;
  maskedVectorBytes: number;
}

/** One round between real sessions and a real server round, every call timed on its own. */
function runTimedRound(
  inputs: ReadonlyMap<number, Uint32Array>,
  k: number,
  t: number,
  m: number,
  graphSeed: Uint8Array,
  schedule: DropoutSchedule,
): TimedRound {
  const cohortIds = [...inputs.keys()].sort((a, b) => a - b);
  const vectorLength = (inputs.get(cohortIds[0]) as Uint32Array).length;
  const identities = new Map(cohortIds.map((id) => [id, nacl.sign.keyPair()] as const));
  const identityPublicKeys = new Map(
    cohortIds.map((id) => [id, (identities.get(id) as nacl.SignKeyPair).publicKey] as const),
  );
  const coordinator: CoordinatorMs = { setup: 0, receive: 0, unpack: 0, close: 0, finish: 0, routing: 0 };
  let coordinatorWallMs = 0;
  const onServer = <T>(part: keyof CoordinatorMs, action: () => T): T => {
    const { value, cpuMs, wallMs } = timed(action);
    coordinator[part] += cpuMs;
    if (part !== 'routing') coordinatorWallMs += wallMs;
    return value;
  };
  const server = onServer(
    'setup',
    () =>
      new SecAggServerRound({
        roundId: ROUND_ID,
        cohortIndices: cohortIds,
        neighbourCount: k,
        threshold: t,
        modulusBits: m,
        vectorLength,
        graphSeed,
        identityPublicKeys,
        consistencyCheck,
      }),
  );
  const clients = new Map<number, ClientRecord>();
  const sessions = new Map<number, SecAggClientSession>();
  for (const id of cohortIds) {
    const config = server.clientConfigFor(id);
    sessions.set(
      id,
      new SecAggClientSession({
        clientIndex: id,
        roundId: ROUND_ID,
        identitySecretKey: (identities.get(id) as nacl.SignKeyPair).secretKey,
        config,
        neighbourIdentityKeys: new Map(
          config.neighbours.map((peer) => [peer, identityPublicKeys.get(peer) as Uint8Array] as const),
        ),
      }),
    );
    clients.set(id, {
      cpu: { advertise: 0, share: 0, mask: 0, pack: 0, consistency: 0, unmask: 0 },
      wallMs: 0,
      bytes: { advertisement: 0, shares: 0, maskedInput: 0, signature: 0, revealedShares: 0 },
      stagesRun: 0,
    });
  }
  const record = (id: number): ClientRecord => clients.get(id) as ClientRecord;
  const session = (id: number): SecAggClientSession => sessions.get(id) as SecAggClientSession;
  // A client-side refusal (ThresholdError, UnmaskRequestError) drops that client, as on the wire.
  const onClient = <T>(id: number, stage: keyof ClientStageMs, action: () => T): T | undefined => {
    try {
      const { value, cpuMs, wallMs } = timed(action);
      record(id).cpu[stage] += cpuMs;
      record(id).wallMs += wallMs;
      return value;
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      session(id).abort();
      return undefined;
    }
  };
  let maskedVectorBytes = 0;

  try {
    for (const id of cohortIds) {
      if (schedule.beforeAdvertise.has(id)) continue;
      const advert = onClient(id, 'advertise', () => session(id).advertiseKeys());
      if (advert === undefined) continue;
      record(id).bytes.advertisement = advertisementBytes(advert);
      record(id).stagesRun++;
      onServer('receive', () => server.receiveAdvertisement(advert));
    }
    onServer('close', () => server.closeAdvertiseKeys());

    for (const id of cohortIds) {
      if (schedule.afterAdvertise.has(id) || session(id).stage !== RoundStage.AdvertiseKeys) continue;
      const adverts = onServer('routing', () => server.advertisementsFor(id));
      const shares = onClient(id, 'share', () => session(id).shareKeys(adverts));
      if (shares === undefined) continue;
      record(id).bytes.shares = sharesUploadBytes(shares);
      record(id).stagesRun++;
      onServer('receive', () => server.receiveShares(shares));
    }
    onServer('close', () => server.closeShareKeys());

    for (const id of cohortIds) {
      if (schedule.afterShare.has(id) || session(id).stage !== RoundStage.ShareKeys) continue;
      const delivered = onServer('routing', () => server.sharesFor(id));
      const masked = onClient(id, 'mask', () => session(id).maskInput(inputs.get(id) as Uint32Array, delivered));
      if (masked === undefined) continue;
      const packed = onClient(id, 'pack', () => packMaskedVector(masked, m)) as Uint8Array;
      maskedVectorBytes = packed.length;
      record(id).bytes.maskedInput = maskedInputBytes(packed);
      record(id).stagesRun++;
      const unpacked = onServer('unpack', () => unpackMaskedVector(packed, m, vectorLength));
      onServer('receive', () => server.receiveMaskedInput(id, unpacked));
    }
    onServer('close', () => server.closeMaskedInput());

    const unmaskStage = consistencyCheck ? RoundStage.ConsistencyCheck : RoundStage.MaskedInput;
    if (consistencyCheck) {
      for (const id of cohortIds) {
        if (schedule.afterMaskedInput.has(id) || session(id).stage !== RoundStage.MaskedInput) continue;
        const request = onServer('routing', () => server.consistencyRequestFor(id));
        const signed = onClient(id, 'consistency', () => session(id).signSurvivors(request));
        if (signed === undefined) continue;
        record(id).bytes.signature = signatureBytes(signed);
        record(id).stagesRun++;
        onServer('receive', () => server.receiveConsistencySignature(signed));
      }
      onServer('close', () => server.closeConsistencyCheck());
    }

    for (const id of cohortIds) {
      if (schedule.afterMaskedInput.has(id) || session(id).stage !== unmaskStage) continue;
      if (consistencyCheck) {
        const delivery = onServer('routing', () => server.consistencyDeliveryFor(id));
        const checked = onClient(id, 'consistency', () => {
          session(id).checkConsistency(delivery);
          return true;
        });
        if (checked === undefined) continue;
      }
      const request = onServer('routing', () => server.unmaskRequestFor(id));
      const revealed = onClient(id, 'unmask', () => session(id).unmask(request));
      if (revealed === undefined) continue;
      record(id).bytes.revealedShares = revealedSharesBytes(revealed);
      record(id).stagesRun++;
      onServer('receive', () => server.receiveRevealedShares(revealed));
    }
    const result = onServer('finish', () => server.finish());
    return {
      completed: true,
      sum: result.sum,
      survivors: result.survivors,
      clients,
      coordinator,
      coordinatorWallMs,
      maskedVectorBytes,
    };
  } catch (error) {
    if (!(error instanceof ThresholdError)) throw error;
    return { completed: false, survivors: [], clients, coordinator, coordinatorWallMs, maskedVectorBytes };
  }
}

function exactSum(inputs: ReadonlyMap<number, Uint32Array>, ids: readonly number[], m: number): Uint32Array {
  const sum = new Uint32Array((inputs.get(ids[0]) as Uint32Array).length);
  for (const id of ids) {
    const x = inputs.get(id) as Uint32Array;
    for (let i = 0; i < sum.length; i++) sum[i] += x[i];
  }
  const mask = 2 ** m - 1;
  for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] & mask) >>> 0;
  return sum;
}

const equalArrays = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => v === b[i]);
const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// --- baseline: the plain 8-bit quantized upload of docs/PROTOCOL.md section 10 (chunks of 1024 over the whole delta) ---
const parameters = weightShapes(DEFAULT_MODEL_SPEC)
  .map((shape) => shape.reduce((a, b) => a * b, 1))
  .reduce((a, b) => a + b, 0);
const baselineRng = new SeededRandom(deriveSeed(runSeed, 'baseline'));
const baselineDelta = Float32Array.from({ length: parameters }, () => 0.01 * baselineRng.nextNormal());
const baselineConfig: QuantizerConfig = { bits: BITS, clip: { kind: 'per-chunk', chunkSize: 1024 } };
const baselineBytes = encodeQuantizedUpdate(stochasticQuantize(baselineDelta, baselineConfig, 1)).length;
for (let i = 0; i < 20; i++) encodeQuantizedUpdate(stochasticQuantize(baselineDelta, baselineConfig, i));
const baselineMs = median(
  Array.from(
    { length: 41 },
    (_, i) => timed(() => encodeQuantizedUpdate(stochasticQuantize(baselineDelta, baselineConfig, 100 + i))).cpuMs,
  ),
);
const baselineBytesPerParam = baselineBytes / parameters;
console.log(
  `baseline: plain ${BITS}-bit per-chunk upload of ${parameters} parameters = ${baselineBytes} B (${baselineBytesPerParam.toFixed(4)} B/param), ` +
    `quantize+encode ${baselineMs.toFixed(3)} CPU ms (median of 41)`,
);

// --- SecAgg+ rounds (after one untimed warm-up round, so JIT compilation lands in none of them) ---
{
  const warmUpSize = 10;
  const warmUpK = defaultNeighbourCount(warmUpSize);
  const warmUpSchedule = drawDropouts(warmUpSize, 0, new SeededRandom(0));
  const warmUpSeed = seedBytes(new SeededRandom(0));
  const m = BITS + Math.ceil(Math.log2(warmUpSize));
  runTimedRound(makeInputs(warmUpSize, parameters), warmUpK, defaultThreshold(warmUpK), m, warmUpSeed, warmUpSchedule);
}
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
  const inputs = makeInputs(n, parameters);
  for (const rate of dropoutRates) {
    const rng = new SeededRandom(deriveSeed(runSeed, 'round', n, 'rate', Math.round(rate * 1000)));
    const probability = completionProbability(
      n,
      k,
      t,
      rate,
      monteCarloTrials,
      new SeededRandom(deriveSeed(runSeed, 'mc', n, rate * 1000)),
    );
    if (timedSizes.includes(n)) {
      let draws = 0;
      let schedule: DropoutSchedule;
      let graphSeed: Uint8Array;
      let predicted: PredictedOutcome;
      do {
        if (++draws > 10_000) throw new Error(`no completing dropout draw in 10,000 tries at n = ${n}, rate ${rate}`);
        graphSeed = seedBytes(rng);
        schedule = drawDropouts(n, rate, rng);
        predicted = predictRoundOutcome(
          buildNeighbourGraph(
            Array.from({ length: n }, (_, i) => i + 1),
            k,
            graphSeed,
          ).neighbours,
          t,
          schedule,
        );
      } while (!predicted.completes);
      const start = performance.now();
      const round = runTimedRound(inputs, k, t, m, graphSeed, schedule);
      if (!round.completed || round.sum === undefined)
        throw new Error(`n = ${n}, rate ${rate}: the round aborted although predicted to complete`);
      if (!equalArrays(round.survivors, predicted.survivors))
        throw new Error(`n = ${n}, rate ${rate}: survivors differ from the prediction`);
      const sumChecked = equalArrays(round.sum, exactSum(inputs, round.survivors, m));
      if (!sumChecked) throw new Error(`n = ${n}, rate ${rate}: the unmasked sum is not the survivors' exact sum`);

      const full = [...round.clients.values()].filter((client) => client.stagesRun === MESSAGES_PER_CLIENT);
      const stageMean = (stage: keyof ClientStageMs): number => mean(full.map((client) => client.cpu[stage]));
      const clientStageMs: ClientStageMs = {
        advertise: stageMean('advertise'),
        share: stageMean('share'),
        mask: stageMean('mask'),
        pack: stageMean('pack'),
        consistency: stageMean('consistency'),
        unmask: stageMean('unmask'),
      };
      const clientMs = Object.values(clientStageMs).reduce((a, b) => a + b, 0);
      const bytesMean = (part: keyof ClientRecord['bytes']): number => mean(full.map((client) => client.bytes[part]));
      const uploadBytesByMessage: UploadBytes = {
        advertisement: bytesMean('advertisement'),
        shares: bytesMean('shares'),
        maskedInput: bytesMean('maskedInput'),
        signature: bytesMean('signature'),
        revealedShares: bytesMean('revealedShares'),
      };
      const uploadBytes = Object.values(uploadBytesByMessage).reduce((a, b) => a + b, 0);
      const { setup, receive, unpack, close, finish } = round.coordinator;
      const counts = Object.fromEntries(STAGE_NAMES.map((name) => [name, schedule[name].size])) as Record<
        DropoutPoint,
        number
      >;
      rows.push({
        n,
        dropoutRate: rate,
        consistencyCheck,
        dropouts: counts,
        k,
        t,
        m,
        vectorLength: parameters + 1,
        parameters,
        clientMs,
        clientStageMs,
        clientWallMs: mean(full.map((client) => client.wallMs)),
        coordinatorMs: setup + receive + unpack + close + finish,
        coordinatorBreakdownMs: round.coordinator,
        coordinatorWallMs: round.coordinatorWallMs,
        uploadBytesPerParam: uploadBytes / parameters,
        uploadBytesByMessage,
        maskedVectorBytesPerParam: round.maskedVectorBytes / parameters,
        baselineBytesPerParam,
        uploadRatioToBaseline: uploadBytes / parameters / baselineBytesPerParam,
        clientTimeRatioToBaseline: clientMs / baselineMs,
        survivors: round.survivors.length,
        sumChecked,
        drawsUntilComplete: draws,
        completionProbability: probability,
        monteCarloTrials,
      });
      console.error(
        `  n=${n} dropout=${rate}: round done in ${((performance.now() - start) / 1000).toFixed(1)} s wall ` +
          `(${full.length} full clients, ${round.survivors.length} survivors, sum checked; total ${((performance.now() - benchStart) / 1000).toFixed(0)} s)`,
      );
    }
    if (rate > 0) {
      // Baseline in the same run: the former default k = 2 ceil(log2 n), t = k/2 + 1.
      const oldK = defaultNeighbourCount(n);
      const oldCompletion = completionProbability(
        n,
        oldK,
        defaultThreshold(oldK),
        rate,
        monteCarloTrials,
        new SeededRandom(deriveSeed(runSeed, 'mc-old', n, rate * 1000)),
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
        fullClientBytesPerParam: fullClientUploadBytes(k, m) / parameters,
        oldFullClientBytesPerParam: fullClientUploadBytes(oldK, m) / parameters,
      });
    }
  }
}

// --- report ---
const fixed = (value: number, digits: number, width: number): string => value.toFixed(digits).padStart(width);
console.log(
  `\nSecAgg+ per round, P = ${parameters} (+1 weight element), b = ${BITS}, m = b + ceil(log2 n), consistency check ${consistencyCheck ? 'on' : 'off'}; ` +
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
    ` x base: upload over the plain quantized upload; cl x base t: client ms over quantize+encode ${baselineMs.toFixed(2)} ms;` +
    ` P(complete): Monte Carlo, ${monteCarloTrials} draws; rows with dropout time the first draw that completes)`,
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
for (const rate of dropoutRates) {
  const at = (n: number): Row | undefined => rows.find((row) => row.n === n && row.dropoutRate === rate);
  const sorted = sizes.filter((n) => at(n) !== undefined).sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    const [small, large] = [sorted[i - 1], sorted[i]];
    const ratio = (at(large) as Row).coordinatorMs / (at(small) as Row).coordinatorMs;
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
  `\nRound completion, Monte Carlo over graphs and independent dropouts (${monteCarloTrials} draws per row); k and t chosen for a declared ${declaredDropout} dropout rate`,
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
console.log(`total ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);
if (jsonPath !== undefined) {
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(
    jsonPath,
    `${JSON.stringify({ baseline: { bytes: baselineBytes, bytesPerParam: baselineBytesPerParam, cpuMs: baselineMs }, rows, kSearch }, null, 2)}\n`,
  );
  console.log(`wrote ${jsonPath}`);
}
