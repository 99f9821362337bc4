import { Coordinator, DEFAULT_UPDATE_DEFENCE, createModelEvaluator } from '@edgefl/coordinator';
import type { CoordinatorLogger } from '@edgefl/coordinator';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { RoundRecord } from '@edgefl/coordinator-store';
import type { Dataset } from '@edgefl/datasets';
import { countParameters } from '@edgefl/models';
import type { ModelSpec, UpdateEncoding } from '@edgefl/protocol';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { initializeBackend } from '@edgefl/runtime/node';
import type { ClientFleet } from './client-fleet';
import { InProcessFleet } from './in-process-fleet';
import { assertOpenFileBudget } from './open-file-budget';
import { observeRemoteCoordinator } from './observe-remote-coordinator';
import type { RemoteCoordinatorObserver } from './observe-remote-coordinator';
import type { SimulatedClientSpec } from './simulated-client-spec';
import { loadSimulationData } from './simulation-data';
import { DEFAULT_SIMULATION_OPTIONS } from './simulation-options';
import type { SimulationOptions } from './simulation-options';
import { toReportedRounds, toRoundTimings } from './simulation-report';
import type { RoundProgress, SimulationReport } from './simulation-report';
import { WorkerFleet } from './worker-fleet';
import { spreadOverCoordinators } from './spread-over-coordinators';
import { simulationEdgeGuard } from './simulation-edge-guard';

const CLIENT_DRAIN_MS = 10_000;
/** How long an embedded coordinator waits for every simulated client before it starts with those connected. */
const CONNECT_WAIT_MS = 60_000;

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
  onRound?(row: RoundProgress): void;
  onAbandoned?(record: RoundRecord): void;
  /**
   * The final global model of an embedded coordinator's run (not in light mode), with the held-out
   * set; awaited before the simulation ends (the simulator writes the deployment artifacts here).
   */
  onFinalModel?(model: {
    spec: ModelSpec;
    weights: Float32Array;
    modelVersion: number;
    testSet: Dataset;
    testSetName: string;
  }): Promise<void>;
  /** Not every client connected in time; the run starts with those that did. */
  onClientsMissing?(info: { connected: number; expected: number; waitedMs: number }): void;
  logger?: CoordinatorLogger;
}

/**
 * Runs a whole simulation: data, an embedded coordinator (unless `options.coordinator` names
 * one), the simulated clients over loopback sockets, and the report.
 *
 * @example
 * const report = await runSimulation(parseSimulationArgs(['--clients', '8', '--rounds', '3']) as SimulationOptions);
 */
export async function runSimulation(
  options: SimulationOptions,
  hooks: SimulationHooks = {},
): Promise<SimulationReport> {
  const startedAt = Date.now();
  if (options.secure && options.bits > 16) {
    throw new RangeError(
      `secure aggregation sums ${options.bits}-bit levels: use --bits 1-16 (8 by default), or --no-secure for float32 uploads`,
    );
  }
  // Before anything starts: running out of file descriptors part-way through connecting would hang the run.
  assertOpenFileBudget(options.clients, options.coordinator === undefined);
  const backend = await initializeBackend({ backend: options.backend });
  const data = loadSimulationData(options);
  const model: ModelSpec = {
    kind: 'separable-cnn',
    inputShape: data.test.shape,
    widths: options.widths ?? [16, 32],
    classes: data.test.classes,
  };
  const encoding: UpdateEncoding =
    options.bits === 32
      ? { kind: 'float32' }
      : { kind: 'quantized', bits: options.bits, chunkSize: options.chunkSize, errorFeedback: options.errorFeedback };
  const store = new MemoryRoundStore();
  const payloadBytes = new Map<string, number>();
  const modelParams = countParameters(model);
  let coordinator: Coordinator | undefined;
  let url = options.coordinator ?? '';
  let initial: SimulationReport['initial'] = { accuracy: null, loss: null };
  let budgetSpent: boolean | undefined;
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
        pruning: options.pruning,
        // Same flags, same numbers: the seed, not arrival order, decides whose update counts (README, "Same seed, same numbers").
        simulation: { canonicalOrder: true, expectedClients: options.clients, rejoinWaitMs: 2_000 },
        // Hundreds of simulated clients share a thread: one busy training or agreeing keys must not
        // miss its neighbours' heartbeats (their sockets closing mid-round). A vanishing client closes its socket.
        pingTimeoutMs: Math.max(60_000, options.roundTimeoutMs),
        secure: options.secure
          ? {
              bits: options.bits,
              range: options.clipRange ?? DEFAULT_SIMULATION_OPTIONS.clipRange ?? 0.05,
              weightCap,
              neighbours: options.neighbours,
              threshold: options.threshold,
              expectedDropout: options.expectedDropout,
              corruptedFraction: options.corruptedFraction,
              stageTimeoutMs: Math.min(
                options.roundTimeoutMs,
                Math.max(30_000, Math.floor(options.roundTimeoutMs / 4)),
              ),
            }
          : undefined,
        dp: options.dp,
        defence: {
          ...DEFAULT_UPDATE_DEFENCE,
          sampleCap: weightCap,
          ...(options.aggregator ? { aggregator: options.aggregator } : {}),
          ...(options.maxUpdateNorm === undefined ? {} : { maxUpdateNorm: options.maxUpdateNorm }),
        },
      },
      store,
      edge: simulationEdgeGuard(options.clients),
      evaluate: options.light ? undefined : createModelEvaluator(model, data.test),
      logger: hooks.logger,
    });
    coordinator.on('evaluation', (evaluation) => {
      if (evaluation.modelVersion !== 0) return;
      initial = { accuracy: evaluation.accuracy, loss: evaluation.loss };
      hooks.onInitial?.(evaluation);
    });
    coordinator.on('round-end', (record) => {
      if (record.outcome === 'completed')
        hooks.onRound?.({ ...toReportedRounds([record], payloadBytes, modelParams)[0], durationMs: record.durationMs });
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
        onRecord: (record) =>
          record.outcome === 'completed'
            ? hooks.onRound?.({ ...toReportedRounds([record])[0], durationMs: record.durationMs })
            : hooks.onAbandoned?.(record),
      });

  const badActors = new SeededRandom(deriveSeed(options.seed, 'bad-actors'));
  const unspread: SimulatedClientSpec[] = data.clientData.map((clientData, i) => ({
    clientId: `sim-${i}`,
    data: clientData,
    dropout: options.dropout,
    straggle: options.stragglers,
    badActor: badActors.nextFloat() < options.badActors,
    roundTimeoutMs: options.roundTimeoutMs,
    seed: deriveSeed(options.seed, 'client', i),
    lightDelayMs: options.light ? (options.lightDelayMs ?? 0) : undefined,
  }));
  const specs = coordinator ? unspread : spreadOverCoordinators(unspread, options.coordinatorNodes ?? [url]);
  const fleet: ClientFleet = options.threads > 1 ? new WorkerFleet(options.threads, backend) : new InProcessFleet();
  try {
    const clientsDone = fleet.run(url, specs);
    if (coordinator) {
      const allConnected = await Promise.race([
        coordinator.waitForClients(specs.length, options.connectWaitMs ?? CONNECT_WAIT_MS),
        clientsDone.then(() => false),
      ]);
      // Start with those that made it, and say how many did not.
      if (!allConnected)
        hooks.onClientsMissing?.({
          connected: coordinator.connectedClients,
          expected: specs.length,
          waitedMs: options.connectWaitMs ?? CONNECT_WAIT_MS,
        });
      const final = await coordinator.run();
      budgetSpent = final.budgetSpent;
      if (hooks.onFinalModel && !options.light) {
        await hooks.onFinalModel({
          spec: model,
          weights: final.weights,
          modelVersion: final.modelVersion,
          testSet: data.test,
          testSetName: data.source,
        });
      }
    }
    // Clients that were away when the run ended may never hear of it (a remote coordinator may even
    // have closed, and a rejoining client would retry forever): once the run is over, give them a
    // moment, then stop them.
    const runOver = coordinator ? Promise.resolve() : (remote as RemoteCoordinatorObserver).ended;
    const stats = (await Promise.race([clientsDone, runOver.then(() => delay(CLIENT_DRAIN_MS))])) ?? [];
    const attempts = remote ? [...remote.attempts] : await store.rounds();
    if (remote?.initial) initial = { ...remote.initial };
    const rounds = toReportedRounds(attempts, payloadBytes, modelParams);
    return {
      config: {
        ...options,
        ...(coordinator?.config.dp && { dp: coordinator.config.dp }),
        datasetUsed: data.source,
        backends: [...new Set([backend, ...stats.map((s) => s.backend)])].filter(Boolean),
      },
      modelParams,
      initial,
      rounds,
      timings: toRoundTimings(attempts),
      attempts,
      summary: {
        roundsCompleted: rounds.length,
        finalAccuracy: rounds.length > 0 ? rounds[rounds.length - 1].accuracy : initial.accuracy,
        totalBytesUp: attempts.reduce((n, a) => n + a.bytesUp, 0),
        totalBytesDown: attempts.reduce((n, a) => n + a.bytesDown, 0),
        bytesUpPerParameter: bytesUpPerParameter(attempts, modelParams),
        wallTimeMs: Date.now() - startedAt,
        ...(coordinator?.config.dp && { epsilon: rounds.at(-1)?.epsilon ?? 0, budgetSpent: budgetSpent ?? false }),
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
