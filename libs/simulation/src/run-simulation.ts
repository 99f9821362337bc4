import {
  Coordinator,
  DEFAULT_SECURE_AGGREGATION,
  DEFAULT_COORDINATOR_CONFIG,
  DEFAULT_UPDATE_DEFENCE,
  createModelEvaluator,
} from '@edgefl/coordinator';
import type { CoordinatorConfigInput, CoordinatorLogger } from '@edgefl/coordinator';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { RoundRecord } from '@edgefl/coordinator-store';
import type { Dataset } from '@edgefl/datasets';
import { countParameters } from '@edgefl/models';
import type { ModelSpec, UpdateEncoding } from '@edgefl/protocol';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { initializeBackend } from '@edgefl/runtime/node';
import type { ClientFleet } from './client-fleet';
import { InProcessFleet } from './in-process-fleet';
import { ConnectTally, type ConnectionSummary } from './connect-tally';
import { FILE_DESCRIPTOR_RESERVE, FileDescriptorReserve } from './file-descriptor-reserve';
import { CoordinatorProcess } from './coordinator-process';
import { assertClientsFitOpenFileLimit, coordinatorNeedsOwnProcess, readOpenFileLimit } from './open-file-budget';
import { observeRemoteCoordinator } from './observe-remote-coordinator';
import type { RemoteCoordinatorObserver } from './observe-remote-coordinator';
import type { SimulatedClientSpec } from './simulated-client-spec';
import { loadSimulationData } from './simulation-data';
import type { SimulationOptions } from './simulation-options';
import { toReportedRounds, toRoundTimings } from './simulation-report';
import type { RoundProgress, SimulationReport } from './simulation-report';
import { TooFewClientsError } from './too-few-clients-error';
import { WorkerFleet } from './worker-fleet';
import { spreadOverCoordinators } from './spread-over-coordinators';
import { simulationEdgeGuard } from './simulation-edge-guard';
import { embeddedRoundDeadline } from './embedded-round-deadline';

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
  /** `coordinatorProcess`: the embedded coordinator runs in a process of its own (coordinator-process.ts). */
  onStart?(info: {
    url: string;
    dataset: string;
    clients: number;
    modelParams: number;
    backend: string;
    coordinatorProcess: boolean;
  }): void;
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
  /**
   * Not every client connected: `connections` counts the failures per reason (EMFILE, timeout,
   * refused: <code>...; `waitedMs` is set when some were still trying when the wait ran out). The run
   * starts with those connected (`starting`); with fewer than `--min-reports` it stops with {@link TooFewClientsError}.
   * Against a remote coordinator `starting` is false: that coordinator decides.
   */
  onClientsMissing?(info: {
    connected: number;
    expected: number;
    waitedMs?: number;
    connections: ConnectionSummary;
    starting: boolean;
  }): void;
  /** The in-process coordinator's logger (a coordinator in its own process logs nothing). */
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
  // Before anything starts: more clients than open files cannot even hold their own ends.
  const openFileLimit = readOpenFileLimit();
  assertClientsFitOpenFileLimit(options.clients, openFileLimit);
  // Both ends of every loopback socket in one process do not fit: the coordinator gets a process of its own.
  const coordinatorProcess =
    !options.coordinator && (options.coordinatorProcess ?? coordinatorNeedsOwnProcess(options.clients, openFileLimit));
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
  let coordinator: Coordinator | CoordinatorProcess | undefined;
  let url = options.coordinator ?? '';
  let initial: SimulationReport['initial'] = { accuracy: null, loss: null };
  let budgetSpent: boolean | undefined;
  // Per simulated device: clients queued on a thread must not be counted late for waiting their turn.
  const roundTimeoutMs = options.coordinator ? options.roundTimeoutMs : embeddedRoundDeadline(options);
  if (!options.coordinator) {
    const weightCap = options.weightCap ?? Math.max(...data.clientData.map((clientData) => clientData.count));
    const config: CoordinatorConfigInput = {
      rounds: options.rounds,
      clientsPerRound: options.perRound,
      minReports: options.minReports ?? Math.max(1, Math.ceil(options.perRound / 2)),
      roundTimeoutMs,
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
      downlink: downlinkOf(options),
      encoding,
      seed: options.seed,
      ...(options.serverOptimizer ? { serverOptimizer: options.serverOptimizer } : {}),
      pruning: options.pruning,
      // Same flags, same numbers: the seed, not arrival order, decides whose update counts (README, "Same seed, same numbers").
      simulation: { canonicalOrder: true, expectedClients: options.clients, rejoinWaitMs: 2_000 },
      // Hundreds of simulated clients share a thread: one busy training or agreeing keys must not
      // miss its neighbours' heartbeats (their sockets closing mid-round). A vanishing client closes its socket.
      pingTimeoutMs: Math.max(60_000, roundTimeoutMs),
      secure: options.secure
        ? {
            bits: options.bits,
            range: options.clipRange ?? DEFAULT_SECURE_AGGREGATION.range,
            weightCap,
            neighbours: options.neighbours,
            threshold: options.threshold,
            expectedDropout: options.expectedDropout,
            corruptedFraction: options.corruptedFraction,
            stageTimeoutMs: Math.min(
              roundTimeoutMs,
              Math.max(DEFAULT_SECURE_AGGREGATION.stageTimeoutMs, Math.floor(roundTimeoutMs / 4)),
            ),
          }
        : false,
      dp: options.dp,
      defence: {
        ...DEFAULT_UPDATE_DEFENCE,
        sampleCap: weightCap,
        ...(options.aggregator ? { aggregator: options.aggregator } : {}),
        ...(options.maxUpdateNorm === undefined ? {} : { maxUpdateNorm: options.maxUpdateNorm }),
      },
    };
    coordinator = coordinatorProcess
      ? await CoordinatorProcess.start(config, options.light ? undefined : options, options.backend)
      : new Coordinator({
          config,
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
    if (coordinator instanceof Coordinator) {
      hooks.onCoordinator?.(coordinator);
      ({ url } = await coordinator.listen());
    } else url = coordinator.url;
  }
  hooks.onStart?.({
    url,
    dataset: data.source,
    clients: options.clients,
    modelParams,
    backend,
    coordinatorProcess,
  });
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
    // A straggler reports after the deadline its coordinator keeps.
    roundTimeoutMs,
    seed: deriveSeed(options.seed, 'client', i),
    lightDelayMs: options.light ? (options.lightDelayMs ?? 0) : undefined,
  }));
  const specs = coordinator ? unspread : spreadOverCoordinators(unspread, options.coordinatorNodes ?? [url]);
  const fleet: ClientFleet = options.threads > 1 ? new WorkerFleet(options.threads, backend) : new InProcessFleet();
  const tally = new ConnectTally(specs.length);
  let finalAttempts: RoundRecord[] | undefined;
  // Room for this process's own files, and for the coordinator process to accept whoever connects here.
  const reserve = FileDescriptorReserve.hold(FILE_DESCRIPTOR_RESERVE);
  void tally.settled.then(() => reserve.release());
  try {
    const clientsDone = fleet.run(url, specs, (outcome) =>
      outcome.connected ? tally.connected(outcome.clientId) : tally.failed(outcome.clientId, outcome.reason),
    );
    // Every client connected or gave up (for good: EMFILE, refused, retries spent): say how many could not, and why.
    const reportMissing = (connections: ConnectionSummary, starting: boolean, waitedMs?: number): void => {
      if (connections.connected < connections.expected)
        hooks.onClientsMissing?.({
          connected: connections.connected,
          expected: connections.expected,
          ...(waitedMs === undefined ? {} : { waitedMs }),
          connections,
          starting,
        });
    };
    if (!coordinator) void tally.settled.then((connections) => reportMissing(connections, false));
    if (coordinator) {
      const allConnected = await Promise.race([
        coordinator.waitForClients(specs.length, options.connectWaitMs ?? CONNECT_WAIT_MS),
        tally.settled.then(() => false),
        clientsDone.then(() => false),
      ]);
      if (!allConnected) {
        const connections = tally.summary();
        const needed = options.minReports ?? Math.max(1, Math.ceil(options.perRound / 2));
        // Start with those that made it, unless they cannot make a single round and nobody else is still trying.
        const stillTrying = connections.connected + connections.failed < connections.expected;
        const starting = stillTrying || connections.connected >= needed;
        reportMissing(connections, starting, stillTrying ? (options.connectWaitMs ?? CONNECT_WAIT_MS) : undefined);
        if (!starting) throw new TooFewClientsError(connections, needed);
      }
      const final = await coordinator.run();
      if ('attempts' in final) finalAttempts = final.attempts;
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
    const attempts = remote ? [...remote.attempts] : (finalAttempts ?? (await store.rounds()));
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
        connections: tally.summary(),
      },
    };
  } finally {
    reserve.release();
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

/** The embedded coordinator's downlink: the run's choice (false: float32), else the coordinator's default, with the uplink's chunk size. */
function downlinkOf(options: SimulationOptions): CoordinatorConfigInput['downlink'] {
  const chosen = options.downlink ?? DEFAULT_COORDINATOR_CONFIG.downlink;
  return chosen ? { bits: chosen.bits, maxLag: chosen.maxLag, chunkSize: options.chunkSize } : false;
}
