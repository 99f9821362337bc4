import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import { FedAvgStrategy, createServerOptimizer } from '@edgefl/aggregation';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { ClientRegistryStore, RoundRecord, RoundStore } from '@edgefl/coordinator-store';
import { buildModel, getFlatWeights } from '@edgefl/models';
import {
  ErrorCode,
  ProtocolError,
  RoundStage,
  SUPPORTED_PROTOCOL_VERSIONS,
  modelJsonPath,
  negotiateProtocolVersion,
  parseAuthenticateMessage,
  parseHelloMessage,
  parseSecAggAbortMessage,
  parseSecAggComplaintMessage,
  parseUpdateMessage,
  toErrorReply,
  toUint8Array,
} from '@edgefl/protocol';
import type {
  ClientToServerEvents,
  ErrorReply,
  HelloMessage,
  RunEndMessage,
  ServerToClientEvents,
  WelcomeMessage,
} from '@edgefl/protocol';
import { AdaptiveClip, PrivacyLedger } from '@edgefl/privacy';
import { deriveSeed } from '@edgefl/random';
import { assertMayTakeOver } from './assert-may-take-over';
import { AuthThrottle } from './auth-throttle';
import { ClientRegistry } from './client-registry';
import { CohortTraffic } from './cohort-traffic';
import type { ClientSession } from './client-session';
import { ConnectionGuard } from './connection-guard';
import { ConnectionLimiter, addressOf } from './connection-limiter';
import { closeWithDeadline } from './close-with-deadline';
import { createEdgeParser, edgeDecoderOf } from './edge-parser';
import { httpAccessAllowed } from './http-access';
import type { GuardedRoute, HttpAccess } from './http-access';
import { resolveCoordinatorConfig } from './coordinator-config';
import type { CoordinatorConfig, CoordinatorConfigInput } from './coordinator-config';
import { CoordinatorMetrics } from './coordinator-metrics';
import { resolveEdgeGuardConfig } from './edge-guard-config';
import type { EdgeGuardConfig } from './edge-guard-config';
import { EnrollmentGate } from './enrollment-gate';
import type { PendingChallenge } from './enrollment-gate';
import type { EnrollmentMode } from './enrollment-mode';
import type { CoordinatorEvents, CoordinatorStatus, RunSummary } from './coordinator-events';
import { silentLogger } from './coordinator-logger';
import type { CoordinatorLogger } from './coordinator-logger';
import type { ModelEvaluation } from './model-evaluation';
import { resolveModelAccess, withSessionToken } from './model-access';
import type { ModelAccess } from './model-access';
import { createModelHttpHandler } from './model-http-handler';
import { ModelArtifactExporter } from './model-artifact-exporter';
import type { ExportedModel, ModelArtifactsOptions } from './model-artifact-exporter';
import { RoundAbortedError } from './round-aborted-error';
import type { RoundContext } from './round-context';
import { createRoundState } from './round-state';
import { DownlinkPlanner } from './downlink-planner';
import type { RoundState } from './round-state';
import { runAggregateStage } from './stages/aggregate-stage';
import { runConfigureStage } from './stages/configure-stage';
import { runSecureAggregateStage } from './stages/secure-aggregate-stage';
import { runSecureConfigureStage } from './stages/secure-configure-stage';
import { recordComplaint } from './stages/record-complaint';
import { runSecureStages } from './stages/run-secure-stages';
import { SECURE_STAGE_EVENTS } from './stages/secure-stage';
import type { SecureStage, SecureStageEvent } from './stages/secure-stage';
import { TrainStage } from './stages/train-stage';
import { SuspicionPolicy } from './suspicion-policy';
import { TrafficMeter } from './traffic-meter';
import { blameAttempt } from './blame-attempt';
import { CoordinatorClusterNode } from './coordinator-cluster-node';
import type { CoordinatorClusterOptions } from './coordinator-cluster-node';
import { resolveNodeId } from './node-id';
import { runRelevantConfig } from './run-relevant-config';

type EdgeSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Refusal of a hello sent without an ack id: its reply could not reach the client (docs/PROTOCOL.md section 2). */
const HELLO_NEEDS_ACK = 'hello must be sent with an ack id: the welcome, challenge or error comes back as its ack';
/** Refusal of a keyless hello when every round is secure (docs/PROTOCOL.md section 2). */
const SECURE_RUN_NEEDS_IDENTITY_KEY =
  'hello.identityKey is missing: every round of this run uses secure aggregation, which takes only clients with a proven Ed25519 identity key';

/** How a coordinator is put together; only `config` is usually needed. */
export interface CoordinatorOptions {
  config?: CoordinatorConfigInput;
  store?: RoundStore;
  strategy?: RoundContext['strategy'];
  /** Evaluates a global model on a held-out set; called for the initial model and after each round. */
  evaluate?: (weights: Float32Array) => Promise<ModelEvaluation>;
  /**
   * Extra HTTP routes (dashboard, metrics...): each returns true when it answered the request.
   * socket.io's own path never reaches them.
   */
  httpHandlers?: Array<(request: IncomingMessage, response: ServerResponse) => boolean>;
  /** Initial global weights; built from `config.model` and `config.seed` when absent. */
  initialWeights?: Float32Array;
  logger?: CoordinatorLogger;
  /** Who may enroll: open (default), a shared token, or an allowlist of identity keys. */
  enrollment?: EnrollmentMode;
  /** Durable client registry: enrollments are recorded and identity keys pinned there. */
  clients?: ClientRegistryStore;
  /** Per-connection rate limit, message caps and abuse threshold. */
  edge?: Partial<EdgeGuardConfig>;
  /** Serve https/wss with this certificate and key (PEM) instead of plain http/ws. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * The operator's tokens (env `EDGEFL_ADMIN_TOKEN` / `EDGEFL_METRICS_TOKEN` in the CLI): with
   * `adminToken`, `/api/status` and `/metrics` need it (`/metrics` also takes `metricsToken`), and it
   * may always download the model.
   */
  access?: HttpAccess;
  /** Who may download the model at `/api/model/...`; follows `enrollment` and `access.adminToken` when absent ({@link resolveModelAccess}). */
  modelAccess?: ModelAccess;
  /** `close()` destroys the connections still open this long after it stopped serving (default 5000). */
  shutdownDeadlineMs?: number;
  /** Write deployment artifacts (TF.js, ONNX, TFLite) of the last version when the run ends, and on demand. */
  artifacts?: ModelArtifactsOptions;
  /** This node's id among the coordinator nodes of a run (1-64 chars of `[A-Za-z0-9_.-]`); default `node-` + 8 random hex digits. */
  nodeId?: string;
  /** Serve as one of several nodes on one Redis: socket.io's Redis adapter, and a node registration checked at `listen()` (docs/SCALING.md). */
  cluster?: CoordinatorClusterOptions;
}

/**
 * The coordinator: serves the EdgeFL protocol over socket.io and runs FedAvg rounds.
 *
 * @example
 * const coordinator = new Coordinator({ config: { rounds: 3, clientsPerRound: 8, minReports: 4 } });
 * const { url } = await coordinator.listen();
 * const summary = await coordinator.run(); // resolves when the last round completed
 * await coordinator.close();
 */
export class Coordinator extends EventEmitter<CoordinatorEvents> {
  readonly config: CoordinatorConfig;
  private readonly store: RoundStore;
  private readonly logger: CoordinatorLogger;
  private readonly registry = new ClientRegistry();
  private readonly traffic = new TrafficMeter();
  private readonly abort = new AbortController();
  private readonly closedRounds = new Set<string>();
  private readonly context: RoundContext;
  private readonly http: HttpServer | HttpsServer;
  private readonly gate: EnrollmentGate;
  private readonly edge: EdgeGuardConfig;
  private readonly guards = new WeakMap<EdgeSocket, ConnectionGuard>();
  private readonly authThrottle: AuthThrottle;
  /** Connection caps at the handshake, and who is admitted (enrolled clients, accepted dashboard viewers). */
  readonly connections: ConnectionLimiter;
  /** Prometheus metrics, served at `GET /metrics`. */
  readonly metrics: CoordinatorMetrics;
  /** The socket.io server; other features attach their own namespaces to it (e.g. a dashboard feed). */
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private round?: { state: RoundState; train?: TrainStage; secure?: SecureStage };
  private port?: number;
  private modelVersion = 0;
  private runEnd?: RunEndMessage;
  /** Given to every welcomed client when the model is not public (`welcome.modelToken`). */
  private readonly modelToken?: string;
  private readonly httpHandlers: Array<(request: IncomingMessage, response: ServerResponse) => boolean>;
  private readonly artifacts?: ModelArtifactExporter;
  /** This node's id (`CoordinatorOptions.nodeId`, or generated). */
  readonly nodeId: string;
  private readonly cluster?: CoordinatorClusterNode;

  constructor(private readonly options: CoordinatorOptions = {}) {
    super();
    this.config = resolveCoordinatorConfig(options.config);
    this.store = options.store ?? new MemoryRoundStore();
    this.logger = options.logger ?? silentLogger;
    this.context = {
      config: this.config,
      registry: this.registry,
      strategy: options.strategy ?? new FedAvgStrategy(createServerOptimizer(this.config.serverOptimizer)),
      logger: this.logger,
      evaluate: options.evaluate,
      signal: this.abort.signal,
      downlink: this.config.downlink ? new DownlinkPlanner(this.config.downlink, this.config.seed) : undefined,
      privacy: this.config.dp && new PrivacyLedger(this.config.dp),
      adaptiveClip: this.config.dp?.adaptiveClip && new AdaptiveClip(this.config.dp.clip, this.config.dp.adaptiveClip),
      suspicion: new SuspicionPolicy(this.config.suspicion),
    };
    this.on('update-accepted', (info) => this.context.downlink?.reported(info.clientId, info.roundId));
    const { access, sessionToken } = withSessionToken(
      options.modelAccess ?? resolveModelAccess(options.enrollment, options.access?.adminToken),
    );
    this.modelToken = sessionToken;
    const modelRoutes = createModelHttpHandler({
      store: this.store,
      model: this.config.model,
      runId: this.config.runId,
      access,
      logger: this.logger,
    });
    this.httpHandlers = [modelRoutes, ...(options.httpHandlers ?? [])];
    if (options.artifacts) this.artifacts = new ModelArtifactExporter(this.store, this.config.model, options.artifacts);
    this.gate = new EnrollmentGate(options.enrollment, options.clients);
    this.edge = resolveEdgeGuardConfig(options.edge);
    const serve = (request: IncomingMessage, response: ServerResponse): void => this.serveHttp(request, response);
    // Half-sent request headers are dropped after 10 s, checked every 2 s (Node's defaults: 60 s, 30 s).
    const httpOptions = { headersTimeout: 10_000, connectionsCheckingInterval: 2_000 };
    this.http = options.tls
      ? createHttpsServer({ ...httpOptions, cert: options.tls.cert, key: options.tls.key }, serve)
      : createServer(httpOptions, serve);
    this.authThrottle = new AuthThrottle(this.edge.maxAuthFailures, this.edge.authFailureWindowMs);
    // Until a connection enrolled its transport buffers a control message at most (hello,
    // authenticate, a CONNECT packet), plus engine.io's framing.
    this.connections = new ConnectionLimiter(
      { ...this.edge, preEnrollmentTransportBytes: this.edge.maxControlMessageBytes + 1024 },
      this.authThrottle,
    );
    this.io = new Server<ClientToServerEvents, ServerToClientEvents>(this.http, {
      maxHttpBufferSize: this.config.limits.maxMessageBytes,
      pingInterval: this.config.pingIntervalMs,
      pingTimeout: this.config.pingTimeoutMs,
      serveClient: false,
      connectTimeout: this.edge.enrollmentTimeoutMs,
      allowRequest: this.connections.allowRequest,
      parser: createEdgeParser({
        maxTextFrameChars: this.edge.maxControlMessageBytes,
        maxConnectChars: this.edge.maxConnectBytes,
        // The packet's own array and binary placeholders sit above the message's nesting.
        maxNestingDepth: this.edge.maxNestingDepth + 2,
        maxAttachments: this.edge.maxAttachments,
        preEnrollmentBinaryBytes: this.edge.maxPreEnrollmentBinaryBytes,
      }),
    });
    this.connections.attach(this.io.engine);
    this.traffic.attach(this.io);
    this.metrics = new CoordinatorMetrics({
      bytesIn: () => this.traffic.bytesIn,
      bytesOut: () => this.traffic.bytesOut,
      clientsConnected: () => this.registry.size,
      modelVersion: () => this.modelVersion,
      epsilon: () => this.context.privacy?.epsilon,
      connections: () => ({ live: this.connections.live, pending: this.connections.pending }),
      handshakesRefused: () => this.connections.refusals,
    });
    this.metrics.observe(this);
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.nodeId = resolveNodeId(options.nodeId);
    if (options.cluster) {
      const node = { nodeId: this.nodeId, runConfig: runRelevantConfig(this.config), logger: this.logger };
      this.cluster = new CoordinatorClusterNode(this.io, options.cluster, node);
    }
  }

  /** Starts serving; resolves with the bound port and URL. */
  async listen(): Promise<{ port: number; url: string }> {
    // A resumed run reports its committed version from the first request on, not 0 until run() reads the store.
    this.modelVersion = (await this.store.latestCheckpoint())?.version ?? this.modelVersion;
    // A duplicate node id or a different run configuration is refused before anything is served.
    await this.cluster?.join();
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.config.port, this.config.host, () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
    const url = `${this.options.tls ? 'https' : 'http'}://${this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host}:${this.port}`;
    this.logger.info({ port: this.port }, 'coordinator listening');
    this.emit('listening', { port: this.port, url });
    return { port: this.port, url };
  }

  get connectedClients(): number {
    return this.registry.size;
  }

  /** Adds an HTTP route handler (dashboard, metrics...); it returns true when it answered. */
  addHttpHandler(handler: (request: IncomingMessage, response: ServerResponse) => boolean): void {
    this.httpHandlers.push(handler);
  }

  /** A snapshot for status pages: the open round, its stage, the model version and who is connected. */
  status(): CoordinatorStatus {
    const state = this.round?.state;
    return {
      runId: this.config.runId,
      nodeId: this.nodeId,
      round: state?.round ?? null,
      attempt: state?.attempt ?? null,
      stage: state?.stage ?? RoundStage.Idle,
      modelVersion: this.modelVersion,
      clientsConnected: this.registry.size,
      rounds: this.config.rounds,
      ...(this.context.privacy && { epsilon: this.context.privacy.epsilon }),
    };
  }

  /**
   * Bans a client id for the life of this coordinator: its enrollments get `client-banned`, and a
   * live connection hears `client-banned` and is closed.
   */
  ban(clientId: string, reason = 'banned by the coordinator'): void {
    this.gate.ban(clientId);
    const live = this.registry.get(clientId);
    if (!live) return;
    live.socket.emit('protocol-error', {
      type: 'error',
      code: ErrorCode.ClientBanned,
      message: `client ${clientId}: ${reason}`,
    });
    live.socket.disconnect(true);
  }

  /** Resolves true once `count` clients are connected, or false after `timeoutMs`. */
  async waitForClients(count: number, timeoutMs: number): Promise<boolean> {
    const timeout = AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]);
    return this.registry.waitForClients(count, timeout);
  }

  /** Runs rounds until `config.rounds` have completed (resuming from the store's latest model), then ends the run. */
  async run(): Promise<RunSummary> {
    if (this.port === undefined) await this.listen();
    const { config } = this;
    let checkpoint = await this.store.latestCheckpoint();
    if (!checkpoint) {
      const weights = this.options.initialWeights ?? (await initialWeightsFor(config));
      checkpoint = { version: 0, weights, createdAt: Date.now() };
      await this.store.putInitialCheckpoint(checkpoint);
    }
    let weights = checkpoint.weights;
    let version = checkpoint.version;
    // Rounds before a restart are not in the ledger: count them at q = 1, an upper bound on what they spent.
    if (version > 0) this.context.privacy?.spendUnsampled(version);
    this.modelVersion = version;
    if (this.options.evaluate) {
      const evaluation = await this.options.evaluate(weights);
      this.emit('evaluation', { modelVersion: version, ...evaluation });
    }
    let reason: RunSummary['reason'] = 'completed';
    for (let round = version + 1; round <= config.rounds && reason === 'completed'; round++) {
      let completed = false;
      // Only attempts that quarantine nobody new count towards the limit: while each failure
      // narrows down who may be selected, the round keeps trying (docs/PROTOCOL.md, "Retries").
      let fruitless = 0;
      let cohortLimit: number | undefined;
      for (let attempt = 1; fruitless < config.maxAttemptsPerRound && !completed; attempt++) {
        if (!(await this.registry.waitForClients(config.minReports, this.abort.signal))) break;
        await this.waitForRejoins();
        const outcome = await this.runAttempt(round, attempt, version, weights, cohortLimit);
        if (outcome.result) {
          ({ weights, version } = outcome.result);
          this.modelVersion = version;
          completed = true;
        } else if (this.context.privacy?.spent) {
          break;
        } else {
          fruitless = outcome.quarantined.length > 0 ? 0 : fruitless + 1;
          cohortLimit = outcome.nextCohortLimit;
          if (fruitless < config.maxAttemptsPerRound) await delay(config.retryDelayMs, this.abort.signal);
        }
      }
      if (!completed) reason = 'stopped';
    }
    const summary: RunSummary = {
      runId: config.runId,
      reason,
      modelVersion: version,
      roundsCompleted: version,
      weights,
    };
    if (this.context.privacy)
      Object.assign(summary, { epsilon: this.context.privacy.epsilon, budgetSpent: this.context.privacy.spent });
    this.runEnd = {
      type: 'run-end',
      runId: config.runId,
      reason,
      modelVersion: version,
      rounds: version,
      modelUrl: modelJsonPath(version),
    };
    this.io.emit('run-end', this.runEnd);
    this.logger.info({ reason, modelVersion: version }, 'run ended');
    this.emit('run-end', summary);
    if (this.artifacts) {
      // A failed export is logged, never fatal: the run and its committed model stand.
      await this.exportModel(version).catch((error: Error) =>
        this.logger.error({ modelVersion: version, err: error.message }, 'model export failed'),
      );
    }
    return summary;
  }

  /**
   * Writes the deployment artifacts of a committed model version (default: the latest) under
   * `options.artifacts.dir` and emits 'model-exported'. Throws when no artifacts dir was
   * configured or the version was never committed.
   */
  async exportModel(version?: number): Promise<ExportedModel> {
    if (!this.artifacts) throw new Error('no artifacts dir configured: pass CoordinatorOptions.artifacts');
    const exported = await this.artifacts.export(version);
    this.logger.info({ modelVersion: exported.modelVersion, dir: exported.dir }, 'model artifacts written');
    this.emit('model-exported', { modelVersion: exported.modelVersion, dir: exported.dir });
    return exported;
  }

  /**
   * Stops any round in progress, disconnects everyone and stops serving. After a finished run
   * it first gives clients up to `drainMs` to take the run-end and leave by themselves.
   */
  async close(drainMs = 2_000): Promise<void> {
    if (this.runEnd && this.registry.size > 0) {
      await this.registry.waitForEmpty(AbortSignal.timeout(drainMs));
    }
    this.abort.abort();
    // Only this node's sockets: with the Redis adapter a plain disconnectSockets() reaches every node's.
    this.io.local.disconnectSockets(true);
    // io.close() also closes the HTTP server, which waits for every connection: past the
    // deadline, whatever is left (half-sent requests, stalled uploads) is destroyed.
    const closed = new Promise<void>((resolve) => this.io.close(() => resolve()));
    await closeWithDeadline(this.http, closed, this.options.shutdownDeadlineMs ?? 5_000);
    await this.cluster?.leave();
  }

  /** Simulation mode: give clients that vanished in the last round a moment to rejoin, so the next cohort does not depend on timing. */
  private async waitForRejoins(): Promise<void> {
    const expected = this.config.simulation?.expectedClients;
    if (expected === undefined) return;
    const waited = AbortSignal.any([
      this.abort.signal,
      AbortSignal.timeout(this.config.simulation?.rejoinWaitMs ?? 10_000),
    ]);
    await this.registry.waitForClients(expected, waited);
  }

  private async runAttempt(
    round: number,
    attempt: number,
    modelVersion: number,
    globalWeights: Float32Array,
    cohortLimit?: number,
  ): Promise<{ result?: { weights: Float32Array; version: number }; quarantined: string[]; nextCohortLimit?: number }> {
    const state = createRoundState({
      runId: this.config.runId,
      round,
      attempt,
      modelVersion,
      globalWeights,
      seed: deriveSeed(this.config.seed, 'round', round, attempt),
      bytesInAtStart: this.traffic.bytesIn,
      bytesOutAtStart: this.traffic.bytesOut,
      cohortLimit,
    });
    this.round = { state };
    const cohortTraffic = this.config.simulation ? CohortTraffic.start(this.registry, this.traffic) : undefined;
    let result: { weights: Float32Array; version: number } | undefined;
    let reason: string | undefined;
    let accuracy: number | undefined;
    let loss: number | undefined;
    try {
      let aggregate: Awaited<ReturnType<typeof runAggregateStage>>;
      if (this.config.secure) {
        runSecureConfigureStage(this.context, state);
        this.emit('round-start', { round, attempt, roundId: state.roundId, cohort: state.cohort.size });
        await runSecureStages(this.context, state, (stage) => {
          if (this.round) this.round.secure = stage;
        });
        if (this.abort.signal.aborted) throw new RoundAbortedError('the coordinator is stopping');
        aggregate = await runSecureAggregateStage(this.context, state);
      } else {
        runConfigureStage(this.context, state);
        this.emit('round-start', { round, attempt, roundId: state.roundId, cohort: state.cohort.size });
        const train = new TrainStage(this.context, state);
        this.round.train = train;
        await train.run();
        if (this.abort.signal.aborted) throw new RoundAbortedError('the coordinator is stopping');
        aggregate = await runAggregateStage(this.context, state);
      }
      result = { weights: aggregate.weights, version: modelVersion + 1 };
      accuracy = aggregate.evaluation?.accuracy;
      loss = aggregate.evaluation?.loss;
    } catch (error) {
      if (!(error instanceof RoundAbortedError)) throw error;
      reason = error.reason;
    } finally {
      this.closedRounds.add(state.roundId);
      this.round = undefined;
    }
    const epsilon = result && state.dp ? this.context.privacy?.spend(state.dp.samplingRate) : undefined;
    const dpClip = state.dp?.clip;
    const record: RoundRecord = {
      runId: state.runId,
      round,
      attempt,
      roundId: state.roundId,
      outcome: result ? 'completed' : 'abandoned',
      reason,
      modelVersion: result ? result.version : modelVersion,
      selected: state.cohort.size,
      participants: state.reported.length,
      dropped: state.dropped.size,
      rejected: state.rejected,
      ...(cohortTraffic?.bytesOf(state.cohort) ?? {
        bytesUp: this.traffic.bytesIn - state.bytesInAtStart,
        bytesDown: this.traffic.bytesOut - state.bytesOutAtStart,
      }),
      startedAt: state.startedAt,
      durationMs: Date.now() - state.startedAt,
      accuracy,
      loss,
      trainLoss: state.trainLossWeight > 0 ? state.trainLossSum / state.trainLossWeight : undefined,
      ...(epsilon !== undefined && { epsilon }),
      ...(dpClip !== undefined && { dpClip }),
    };
    await this.store.commitRound(
      record,
      result ? { version: result.version, weights: result.weights, createdAt: Date.now() } : undefined,
    );
    for (const clientId of state.cohort) {
      this.registry.get(clientId)?.socket.emit('round-end', {
        type: 'round-end',
        roundId: state.roundId,
        round,
        outcome: record.outcome,
        reason,
        modelVersion: record.modelVersion,
        participants: record.participants,
        modelUrl: modelJsonPath(record.modelVersion),
      });
    }
    const verdict = blameAttempt(state, result !== undefined, this.config, this.registry.size);
    const quarantined = this.context.suspicion.recordAttempt(verdict);
    if (quarantined.length > 0 || state.blame.evidence.size > 0 || state.blame.complaints.length > 0) {
      this.logger.warn(
        {
          roundId: state.roundId,
          evidence: Object.fromEntries(state.blame.evidence),
          complaints: state.blame.complaints.length,
          quarantined,
        },
        'suspicion updated',
      );
    }
    this.logger.info(
      { roundId: state.roundId, outcome: record.outcome, reason, participants: record.participants, accuracy },
      'round ended',
    );
    this.emit('round-end', record);
    if (result && accuracy !== undefined && loss !== undefined) {
      this.emit('evaluation', { modelVersion: result.version, accuracy, loss });
    }
    return { result, quarantined, nextCohortLimit: verdict.nextCohortLimit };
  }

  private onConnection(socket: EdgeSocket): void {
    let session: ClientSession | undefined;
    // One enrollment per connection (a reconnect is a new connection and enrolls again): set at the
    // first acceptable hello, cleared only if that enrollment fails.
    let enrolling = false;
    let challenge: { pending: PendingChallenge; hello: HelloMessage; protocolVersion: number } | undefined;
    const guard = new ConnectionGuard(
      socket,
      this.edge,
      this.config.limits.maxUpdateBytes + this.edge.maxControlMessageBytes,
      {
        onMessage: () => this.metrics.messageReceived(),
        onRejected: (reply) =>
          this.emit('rejected', { clientId: session?.clientId, code: reply.code, message: reply.message }),
        onClosed: (reason) => {
          this.metrics.connectionClosedForAbuse();
          this.logger.warn(
            { clientId: session?.clientId, roundId: this.round?.state.roundId, reason },
            'connection closed for abuse',
          );
        },
      },
    );
    this.guards.set(socket, guard);
    const admit = async (
      hello: HelloMessage,
      clientId: string,
      protocolVersion: number,
      provenKey?: Uint8Array,
    ): Promise<WelcomeMessage> => {
      this.gate.assertNotBanned(clientId);
      // A live id is taken over only by proving its key: checked before the registry pins anything, and again at registration.
      assertMayTakeOver(this.registry.get(clientId), socket, provenKey);
      await this.gate.enroll(clientId, provenKey);
      if (socket.disconnected)
        throw new ProtocolError(ErrorCode.NotRegistered, 'the connection closed during enrollment');
      session = {
        clientId,
        socket,
        agent: hello.agent,
        protocolVersion,
        connectedAt: Date.now(),
        identityKey: provenKey,
        deltaDownlink: hello.deltaDownlink === true,
      };
      return {
        type: 'welcome' as const,
        protocolVersion,
        clientId: session.clientId,
        runId: this.config.runId,
        limits: this.config.limits,
        modelToken: this.modelToken,
        ...(this.config.secure ? { secure: true } : {}),
      };
    };
    // Runs right after the welcome is acked, so the client always hears welcome before any task.
    const register = (): void => {
      if (!session || socket.disconnected || this.registry.get(session.clientId) === session) return;
      try {
        assertMayTakeOver(this.registry.get(session.clientId), socket, session.identityKey);
      } catch (error) {
        // Another connection registered this id between our welcome and now.
        socket.emit('protocol-error', toErrorReply(error));
        socket.disconnect(true);
        return;
      }
      const replaced = this.registry.add(session);
      this.context.downlink?.forget(session.clientId);
      guard.enrolled();
      this.connections.admit(socket.conn, this.config.limits.maxMessageBytes);
      edgeDecoderOf(socket)?.raiseBinaryCap(this.config.limits.maxMessageBytes);
      if (replaced && replaced.socket !== socket) {
        const message = `client id ${session.clientId} proved its identity key on a newer connection; this one is closed`;
        replaced.socket.emit('protocol-error', { type: 'error', code: ErrorCode.ClientReplaced, message });
        replaced.socket.disconnect(true);
      }
      this.logger.info({ clientId: session.clientId, backend: session.agent.backend }, 'client registered');
      this.emit('client-connected', {
        clientId: session.clientId,
        backend: session.agent.backend,
        connected: this.registry.size,
      });
      // A client that was away when the run ended learns it as soon as it is back.
      const { runEnd } = this;
      if (runEnd) setImmediate(() => socket.emit('run-end', runEnd));
    };
    socket.on('hello', (raw: unknown, ack: unknown) => {
      this.handle(
        socket,
        ack,
        undefined,
        async () => {
          if (session)
            throw new ProtocolError(ErrorCode.InvalidMessage, 'hello was already accepted on this connection');
          if (enrolling) throw new ProtocolError(ErrorCode.InvalidMessage, 'hello was already sent on this connection');
          if (typeof ack !== 'function') throw new ProtocolError(ErrorCode.InvalidMessage, HELLO_NEEDS_ACK);
          this.checkAuthThrottle(socket);
          const hello = parseHelloMessage(raw);
          if (this.config.secure && hello.identityKey === undefined)
            throw new ProtocolError(ErrorCode.Unauthorized, SECURE_RUN_NEEDS_IDENTITY_KEY);
          const protocolVersion = negotiateProtocolVersion(hello.protocolVersions, SUPPORTED_PROTOCOL_VERSIONS);
          this.gate.checkCredentials(hello);
          const clientId = hello.clientId ?? `c-${randomUUID()}`;
          const issued = this.gate.challengeFor(hello, clientId);
          enrolling = true;
          if (issued) {
            challenge = { pending: issued.pending, hello, protocolVersion };
            return issued.message;
          }
          try {
            return await admit(hello, clientId, protocolVersion);
          } catch (error) {
            enrolling = false;
            throw error;
          }
        },
        register,
      );
    });
    socket.on('authenticate', (raw: unknown, ack: unknown) => {
      this.handle(
        socket,
        ack,
        session?.clientId,
        async () => {
          if (session)
            throw new ProtocolError(
              ErrorCode.Unauthorized,
              'this connection is already authenticated: a challenge is answered once',
            );
          this.checkAuthThrottle(socket);
          const issued = challenge;
          if (!issued)
            throw new ProtocolError(
              ErrorCode.Unauthorized,
              'no challenge is pending on this connection: send hello first',
            );
          challenge = undefined; // single-use, whether the answer is right or wrong
          try {
            const { signature } = parseAuthenticateMessage(raw);
            this.gate.verify(issued.pending, signature);
            return await admit(
              issued.hello,
              issued.pending.clientId,
              issued.protocolVersion,
              issued.pending.identityKey,
            );
          } catch (error) {
            enrolling = false;
            throw error;
          }
        },
        register,
      );
    });
    socket.on('update', (raw: unknown, ack: unknown) => {
      this.handle(socket, ack, session?.clientId, () => {
        const current = this.round;
        try {
          if (!session) throw new ProtocolError(ErrorCode.NotRegistered, 'send hello before update');
          const update = parseUpdateMessage(raw, this.config.limits);
          if (!current?.train || update.roundId !== current.state.roundId) {
            const late = this.closedRounds.has(update.roundId);
            throw new ProtocolError(
              late ? ErrorCode.LateReport : ErrorCode.WrongRound,
              late ? `round ${update.roundId} is closed` : `update.roundId ${update.roundId} is not an open round`,
            );
          }
          current.train.acceptUpdate(session.clientId, update);
          this.emit('update-accepted', {
            round: current.state.round,
            roundId: update.roundId,
            clientId: session.clientId,
            reported: current.state.reported.length,
            goal: this.config.clientsPerRound,
            payloadBytes: update.payload.byteLength,
          });
          return { type: 'accepted' as const, roundId: update.roundId };
        } catch (error) {
          if (current) current.state.rejected++;
          throw error;
        }
      });
    });
    for (const event of SECURE_STAGE_EVENTS) {
      socket.on(event, (raw: unknown, ack: unknown) => {
        this.handle(socket, ack, session?.clientId, () => this.routeSecureMessage(session, event, raw));
      });
    }
    socket.on('secagg-abort', (raw: unknown, ack: unknown) => {
      this.handle(socket, ack, session?.clientId, () => {
        if (!session) throw new ProtocolError(ErrorCode.NotRegistered, 'send hello before secagg-abort');
        const abort = parseSecAggAbortMessage(raw);
        const current = this.round;
        if (current?.secure && abort.roundId === current.state.roundId && current.state.cohort.has(session.clientId)) {
          this.logger.warn(
            { clientId: session.clientId, roundId: abort.roundId, stage: abort.stage, reason: abort.reason },
            'client aborted the secure round',
          );
          current.secure.dropClient(session.clientId);
        }
        return { type: 'accepted' as const, roundId: abort.roundId };
      });
    });
    socket.on('secagg-complaint', (raw: unknown, ack: unknown) => {
      this.handle(socket, ack, session?.clientId, () => {
        if (!session) throw new ProtocolError(ErrorCode.NotRegistered, 'send hello before secagg-complaint');
        const complaint = parseSecAggComplaintMessage(raw);
        recordComplaint(this.round?.state, session.clientId, complaint);
        this.logger.warn(
          { clientId: session.clientId, roundId: complaint.roundId, accused: complaint.accused, kind: complaint.kind },
          'client complained',
        );
        return { type: 'accepted' as const, roundId: complaint.roundId };
      });
    });
    socket.on('disconnect', () => {
      if (!session || !this.registry.remove(session)) return;
      this.round?.train?.clientLeft(session.clientId);
      this.round?.secure?.dropClient(session.clientId);
      this.logger.info({ clientId: session.clientId }, 'client disconnected');
      this.emit('client-disconnected', { clientId: session.clientId, connected: this.registry.size });
    });
  }

  /** Hands a secure-stage message to the open secure stage, or throws the ProtocolError to answer with. */
  private routeSecureMessage(session: ClientSession | undefined, event: SecureStageEvent, raw: unknown): object {
    if (!session) throw new ProtocolError(ErrorCode.NotRegistered, `send hello before ${event}`);
    const current = this.round;
    const roundId = (raw as { roundId?: unknown } | null)?.roundId;
    try {
      if (!current?.secure || roundId !== current.state.roundId) {
        const late = typeof roundId === 'string' && this.closedRounds.has(roundId);
        throw new ProtocolError(
          late ? ErrorCode.LateReport : ErrorCode.WrongRound,
          late ? `round ${roundId} is closed` : `${event}.roundId is not an open secure round`,
        );
      }
      current.secure.receive(session.clientId, event, raw);
    } catch (error) {
      if (current) current.state.rejected++;
      throw error;
    }
    if (event === 'secagg-masked-input') {
      this.emit('update-accepted', {
        round: current.state.round,
        roundId: current.state.roundId,
        clientId: session.clientId,
        reported: current.state.reported.length,
        goal: current.state.cohort.size,
        payloadBytes: toUint8Array((raw as { maskedVector?: unknown }).maskedVector)?.byteLength ?? 0,
      });
    }
    return { type: 'accepted' as const, roundId: current.state.roundId };
  }

  /**
   * Runs a handler (sync or async) and answers through the ack (or a `protocol-error` event when
   * the peer sent none). Never throws: a failing handler becomes an error reply, and every
   * refusal draws on the connection's rejection budget. `afterReply` runs right after a
   * successful reply went out.
   */
  private handle(
    socket: EdgeSocket,
    ack: unknown,
    clientId: string | undefined,
    handler: () => object | Promise<object>,
    afterReply?: () => void,
  ): void {
    const refuse = (error: unknown): ErrorReply => {
      const errorReply: ErrorReply = toErrorReply(error);
      if (errorReply.code === ErrorCode.Unauthorized) this.authThrottle.failed(addressOf(socket.request));
      const roundId = this.round?.state.roundId;
      if (errorReply.code === ErrorCode.Internal)
        this.logger.error({ clientId, roundId, err: String(error) }, 'handler failed');
      else
        this.logger.warn({ clientId, roundId, code: errorReply.code, reason: errorReply.message }, 'message rejected');
      this.emit('rejected', { clientId, code: errorReply.code, message: errorReply.message });
      if (typeof ack !== 'function') socket.emit('protocol-error', errorReply);
      return errorReply;
    };
    const answer = (reply: object): void => {
      if (typeof ack === 'function') ack(reply);
      if ((reply as { type?: unknown }).type === 'error') this.guards.get(socket)?.noteRejection();
      else afterReply?.();
    };
    let result: object | Promise<object>;
    try {
      result = handler();
    } catch (error) {
      result = refuse(error);
    }
    if (result instanceof Promise) {
      result
        .catch(refuse)
        .then(answer, (error: unknown) => this.logger.error({ clientId, err: String(error) }, 'answering failed'));
    } else {
      answer(result);
    }
  }

  /** Refuses authentication attempts from an address that failed too often (across connections). */
  private checkAuthThrottle(socket: EdgeSocket): void {
    if (this.authThrottle.blocked(addressOf(socket.request))) {
      throw new ProtocolError(
        ErrorCode.RateLimited,
        `more than ${this.edge.maxAuthFailures} failed authentications from this address within ${this.edge.authFailureWindowMs} ms`,
      );
    }
  }

  /** Answers 401 and returns false when `route` needs a token the request lacks. */
  private authorized(request: IncomingMessage, response: ServerResponse, route: GuardedRoute): boolean {
    if (httpAccessAllowed(request, route, this.options.access ?? {})) return true;
    response.writeHead(401, {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer realm="edgefl"',
      'cache-control': 'no-store',
    });
    response.end(JSON.stringify({ error: 'unauthorized: send Authorization: Bearer <admin token>' }));
    return false;
  }

  private serveHttp(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (request.method === 'GET' && path === '/metrics') {
      if (!this.authorized(request, response, 'metrics')) return;
      this.metrics.render().then(
        (body) => {
          response.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' });
          response.end(body);
        },
        (error: unknown) => {
          this.logger.error({ err: String(error) }, 'metrics failed');
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'metrics failed' }));
        },
      );
      return;
    }
    if (request.method === 'GET' && path === '/api/status') {
      if (!this.authorized(request, response, 'status')) return;
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(this.status()));
      return;
    }
    for (const handler of this.httpHandlers) {
      if (handler(request, response)) return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'not found' }));
  }
}

async function initialWeightsFor(config: CoordinatorConfig): Promise<Float32Array> {
  await tf.ready();
  const model = buildModel(config.model, config.seed);
  const weights = getFlatWeights(model);
  model.dispose();
  return weights;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
