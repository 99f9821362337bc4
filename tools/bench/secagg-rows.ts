import { DROPOUT_POINTS, type DropoutPoint, type DropoutSchedule } from './secagg-completion';
import type { Baseline } from './secagg-inputs';
import {
  MESSAGE_HEADER_BYTES,
  type ClientRecord,
  type ClientStageMs,
  type CoordinatorMs,
  type TimedRound,
  type UploadBytes,
} from './secagg-timed-round';

/** One timed round: CPU, bytes and completion at one (n, dropout rate). */
export interface Row {
  n: number;
  dropoutRate: number;
  consistencyCheck: boolean;
  dropouts: Record<DropoutPoint, number>;
  k: number;
  t: number;
  m: number;
  vectorLength: number;
  parameters: number;
  /** Mean CPU ms of one client's stages (clients that ran them all). */
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

/** Completion at the chosen k against the former default k, same rate, same number of draws. */
export interface KSearchRow {
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
 * the masked vector of P + 1 elements at m bits, a 64-byte signature, k owned-share records of 34.
 * The timed rows measure the same from the real messages (fewer reveal records when neighbours
 * dropped).
 */
export function fullClientUploadBytes(k: number, m: number, parameters: number): number {
  return 5 * MESSAGE_HEADER_BYTES + 128 + 82 * k + Math.ceil(((parameters + 1) * m) / 8) + 64 + 34 * k;
}

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
const total = (parts: object): number => Object.values(parts).reduce((a: number, b: number) => a + b, 0);

/** What a timed round measured, as a row: means over the clients that uploaded every message. */
export function toRow(
  round: TimedRound,
  setting: { n: number; rate: number; k: number; t: number; m: number; consistencyCheck: boolean },
  context: {
    schedule: DropoutSchedule;
    parameters: number;
    baseline: Baseline;
    sumChecked: boolean;
    draws: number;
    completionProbability: number;
    monteCarloTrials: number;
  },
): Row {
  const { parameters, baseline } = context;
  const messagesPerClient = setting.consistencyCheck ? 5 : 4;
  const full = [...round.clients.values()].filter((client) => client.stagesRun === messagesPerClient);
  const meanOf = <P extends string>(parts: readonly P[], pick: (client: ClientRecord, part: P) => number) =>
    Object.fromEntries(parts.map((part) => [part, mean(full.map((client) => pick(client, part)))])) as Record<
      P,
      number
    >;
  const clientStageMs: ClientStageMs = meanOf(
    ['advertise', 'share', 'mask', 'pack', 'consistency', 'unmask'],
    (client, part) => client.cpu[part],
  );
  const uploadBytesByMessage: UploadBytes = meanOf(
    ['advertisement', 'shares', 'maskedInput', 'signature', 'revealedShares'],
    (client, part) => client.bytes[part],
  );
  const clientMs = total(clientStageMs);
  const upload = total(uploadBytesByMessage);
  const { setup, receive, unpack, close, finish } = round.coordinator;
  return {
    n: setting.n,
    dropoutRate: setting.rate,
    consistencyCheck: setting.consistencyCheck,
    dropouts: Object.fromEntries(DROPOUT_POINTS.map((name) => [name, context.schedule[name].length])) as Record<
      DropoutPoint,
      number
    >,
    k: setting.k,
    t: setting.t,
    m: setting.m,
    vectorLength: parameters + 1,
    parameters,
    clientMs,
    clientStageMs,
    clientWallMs: mean(full.map((client) => client.wallMs)),
    coordinatorMs: setup + receive + unpack + close + finish,
    coordinatorBreakdownMs: round.coordinator,
    coordinatorWallMs: round.coordinatorWallMs,
    uploadBytesPerParam: upload / parameters,
    uploadBytesByMessage,
    maskedVectorBytesPerParam: round.maskedVectorBytes / parameters,
    baselineBytesPerParam: baseline.bytesPerParam,
    uploadRatioToBaseline: upload / parameters / baseline.bytesPerParam,
    clientTimeRatioToBaseline: clientMs / baseline.cpuMs,
    survivors: round.survivors.length,
    sumChecked: context.sumChecked,
    drawsUntilComplete: context.draws,
    completionProbability: context.completionProbability,
    monteCarloTrials: context.monteCarloTrials,
  };
}
