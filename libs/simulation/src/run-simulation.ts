import { Coordinator, DEFAULT_UPDATE_DEFENCE, createModelEvaluator } from '@edgefl/coordinator';
import type { CoordinatorLogger } from '@edgefl/coordinator';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { countParameters } from '@edgefl/models';
import type { ModelSpec, UpdateEncoding } from '@edgefl/protocol';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { initializeBackend } from '@edgefl/runtime/node';
import type { ClientFleet } from './client-fleet';
import { InProcessFleet } from './in-process-fleet';
import { observeRemoteCoordinator } from './observe-remote-coordinator';
import type { SimulatedClientSpec } from './simulated-client-spec';
import { loadSimulationData } from './simulation-data';
import { DEFAULT_SIMULATION_OPTIONS } from './simulation-options';
import type { SimulationOptions } from './simulation-options';
import { toReportedRounds } from './simulation-report';
import type { ReportedRound, SimulationReport } from './simulation-report';
import { WorkerFleet } from './worker-fleet';

const CLIENT_DRAIN_MS = 10_000;

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

/** Progress callbacks of {@link runSimulation}, for the CLI's per-round lines. */
export interface SimulationHooks {
  /** The embedded coordinator, before any client joins: attach a dashboard or listeners here. */
  onCoordinator?(coordinator: Coordinator): void;
  onRoundStart?(info: { round: number; attempt: number; cohort: number }): void;
  onUpdateAccepted?(info: { round: number; reported: number; goal: number }): void;
  onStart?(info: { url: string; dataset: string; clients: number; modelParams: number; backend: string }): void;
  onInitial?(evaluation: { accuracy: number; loss: number }): void;
  onRound?(row: ReportedRound): void;
  onAbandoned?(record: RoundRecord): void;
  logger?: CoordinatorLogger;
}

/**
 * Runs a whole simulation: data, an embedded coordinator (unless `options.coordinator` names
 * one), the simulated clients over loopback sockets, and the report.
 *
 * @example
 * const report = await runSimulation(parseSimulationArgs(['--clients', '8', '--rounds', '3']) as SimulationOptions);
 */
export async function runSimulation(options: SimulationOptions, hooks: SimulationHooks = {}): Promise<SimulationReport> {
  const startedAt = Date.now();
  if (options.secure && options.bits > 16) {
    throw new RangeError(`secure aggregation sums ${options.bits}-bit levels: use --bits 1-16 (8 by default), or --no-secure for float32 uploads`);
  }
  const backend = await initializeBackend({ backend: options.backend });
  const data = loadSimulationData(options);
  const model: ModelSpec = { kind: 'separable-cnn', inputShape: data.test.shape, widths: options.widths ?? [16, 32], classes: data.test.classes };
  const encoding: UpdateEncoding =
    options.bits === 32 ? { kind: 'float32' } : { kind: 'quantized', bits: options.bits, chunkSize: options.chunkSize, errorFeedback: options.errorFeedback };
  const store = new MemoryRoundStore();
  const payloadBytes = new Map<string, number>();
  const modelParams = countParameters(model);
  let coordinator: Coordinator | undefined;
  let url = options.coordinator ?? '';
  let initial: SimulationReport['initial'] = { accuracy: null, loss: null };
  if (!options.coordinator) {
    const weightCap = options.weightCap ?? Math.max(...data.clientData.map((clientData) => clientData.count));
    coordinator = new Coordinator({
      config: {
        rounds: options.rounds,
        clientsPerRound: options.perRound,
        minReports: options.minReports ?? Math.max(1, Math.ceil(options.perRound / 2)),
        roundTimeoutMs: options.roundTimeoutMs,
        retryDelayMs: 200,
        model,
        training: {
          epochs: options.localEpochs,
          batchSize: options.batchSize,
          learningRate: options.learningRate,
          optimizer: options.optimizer,
          ...(options.localSteps === undefined ? {} : { steps: options.localSteps }),
          ...(options.proximalMu ? { proximalMu: options.proximalMu } : {}),
        },
        ...(options.learningRateSchedule ? { learningRateSchedule: options.learningRateSchedule } : {}),
        ...(options.downlink ? { downlink: { ...options.downlink, chunkSize: options.chunkSize } } : {}),
        encoding,
        seed: options.seed,
        ...(options.serverOptimizer ? { serverOptimizer: options.serverOptimizer } : {}),
        secure: options.secure
          ? {
              bits: options.bits,
              range: options.clipRange ?? DEFAULT_SIMULATION_OPTIONS.clipRange ?? 0.05,
              weightCap,
              neighbours: options.neighbours,
              threshold: options.threshold,
              stageTimeoutMs: Math.min(options.roundTimeoutMs, Math.max(30_000, Math.floor(options.roundTimeoutMs / 4))),
            }
          : undefined,
        defence: {
          ...DEFAULT_UPDATE_DEFENCE,
          sampleCap: weightCap,
          ...(options.aggregator ? { aggregator: options.aggregator } : {}),
          ...(options.maxUpdateNorm === undefined ? {} : { maxUpdateNorm: options.maxUpdateNorm }),
        },
      },
      store,
      evaluate: options.light ? undefined : createModelEvaluator(model, data.test),
      logger: hooks.logger,
    });
    coordinator.on('evaluation', (evaluation) => {
      if (evaluation.modelVersion !== 0) return;
      initial = { accuracy: evaluation.accuracy, loss: evaluation.loss };
      hooks.onInitial?.(evaluation);
    });
    coordinator.on('round-end', (record) => {
      if (record.outcome === 'completed') hooks.onRound?.(toReportedRounds([record], payloadBytes, modelParams)[0]);
      else hooks.onAbandoned?.(record);
    });
    coordinator.on('round-start', (info) => hooks.onRoundStart?.(info));
    coordinator.on('update-accepted', (info) => {
      payloadBytes.set(info.roundId, (payloadBytes.get(info.roundId) ?? 0) + info.payloadBytes);
      hooks.onUpdateAccepted?.(info);
    });
    hooks.onCoordinator?.(coordinator);
    ({ url } = await coordinator.listen());
  }
  hooks.onStart?.({ url, dataset: data.source, clients: options.clients, modelParams, backend });
  const remote = coordinator
    ? undefined
    : observeRemoteCoordinator(url, {
        onInitial: (evaluation) => hooks.onInitial?.(evaluation),
        onRecord: (record) => (record.outcome === 'completed' ? hooks.onRound?.(toReportedRounds([record])[0]) : hooks.onAbandoned?.(record)),
      });

  const badActors = new SeededRandom(deriveSeed(options.seed, 'bad-actors'));
  const specs: SimulatedClientSpec[] = data.clientData.map((clientData, i) => ({
    clientId: `sim-${i}`,
    data: clientData,
    dropout: options.dropout,
    straggle: options.stragglers,
    badActor: badActors.nextFloat() < options.badActors,
    roundTimeoutMs: options.roundTimeoutMs,
    seed: deriveSeed(options.seed, 'client', i),
    lightDelayMs: options.light ? (options.lightDelayMs ?? 0) : undefined,
  }));
  const fleet: ClientFleet = options.threads > 1 ? new WorkerFleet(options.threads, backend) : new InProcessFleet();
  try {
    const clientsDone = fleet.run(url, specs);
    if (coordinator) {
      await Promise.race([coordinator.waitForClients(specs.length, 60_000), clientsDone]);
      await coordinator.run();
    }
    // Clients that were away when the run ended may never hear of it: give them a moment, then stop them.
    const stats = coordinator ? ((await Promise.race([clientsDone, delay(CLIENT_DRAIN_MS)])) ?? []) : await clientsDone;
    // Against a remote coordinator, the round log is what its dashboard feed reported.
    if (remote) await Promise.race([remote.ended, delay(CLIENT_DRAIN_MS)]);
    const attempts = remote ? [...remote.attempts] : await store.rounds();
    if (remote?.initial) initial = { ...remote.initial };
    const rounds = toReportedRounds(attempts, payloadBytes, modelParams);
    return {
      config: { ...options, datasetUsed: data.source, backends: [...new Set([backend, ...stats.map((s) => s.backend)])].filter(Boolean) },
      modelParams,
      initial,
      rounds,
      attempts,
      summary: {
        roundsCompleted: rounds.length,
        finalAccuracy: rounds.length > 0 ? rounds[rounds.length - 1].accuracy : initial.accuracy,
        totalBytesUp: attempts.reduce((n, a) => n + a.bytesUp, 0),
        totalBytesDown: attempts.reduce((n, a) => n + a.bytesDown, 0),
        bytesUpPerParameter: bytesUpPerParameter(attempts, modelParams),
        wallTimeMs: Date.now() - startedAt,
      },
    };
  } finally {
    remote?.close();
    await fleet.close();
    await coordinator?.close();
  }
}

/** Uplink bytes per model parameter per participating client, over the completed rounds (all traffic: keys, shares, updates). */
function bytesUpPerParameter(attempts: readonly RoundRecord[], modelParams: number): number | null {
  const completed = attempts.filter((a) => a.outcome === 'completed' && a.participants > 0);
  const reports = completed.reduce((n, a) => n + a.participants, 0);
  return reports > 0 ? completed.reduce((n, a) => n + a.bytesUp, 0) / (reports * modelParams) : null;
}
