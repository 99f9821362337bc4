import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'socket.io';
import { FedAvgStrategy, createServerOptimizer } from '@edgefl/aggregation';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { ClientRegistryStore, RoundStore } from '@edgefl/coordinator-store';
import { RoundStage } from '@edgefl/protocol';
import type { ClientToServerEvents, ServerToClientEvents } from '@edgefl/protocol';
import { AdaptiveClip, PrivacyLedger, cryptoRandomSource } from '@edgefl/privacy';
import type { RandomSource } from '@edgefl/privacy';
import { AuthThrottle } from './auth-throttle';
import { ClientRegistry } from './client-registry';
import { closeWithDeadline } from './close-with-deadline';
import { ConnectionHandler } from './connection-handler';
import { ConnectionLimiter } from './connection-limiter';
import { resolveCoordinatorConfig } from './coordinator-config';
import type { CoordinatorConfig, CoordinatorConfigInput } from './coordinator-config';
import type { CoordinatorEvents, CoordinatorStatus, RunSummary } from './coordinator-events';
import { silentLogger } from './coordinator-logger';
import type { CoordinatorLogger } from './coordinator-logger';
import { CoordinatorMetrics } from './coordinator-metrics';
import { createMetricsRoute } from './metrics-route';
import { createSocketServer } from './create-socket-server';
import { defaultInitialWeights } from './default-initial-weights';
import { DownlinkPlanner } from './downlink-planner';
import { challengeTtl } from './challenge-ttl';
import { resolveEdgeGuardConfig } from './edge-guard-config';
import type { EdgeGuardConfig } from './edge-guard-config';
import { EnrollmentGate } from './enrollment-gate';
import type { EnrollmentMode } from './enrollment-mode';
import { healthzRoute } from './healthz-route';
import { HttpFront } from './http-front';
import type { TlsOptions } from './http-front';
import type { HttpAccess } from './http-access';
import type { HttpRoute } from './http-route';
import { resolveModelAccess, withSessionToken } from './model-access';
import type { ModelAccess } from './model-access';
import { ModelArtifactExporter } from './model-artifact-exporter';
import type { ExportedModel, ModelArtifactsOptions } from './model-artifact-exporter';
import type { ModelEvaluation } from './model-evaluation';
import { createModelHttpHandler } from './model-http-handler';
import type { RoundContext } from './round-context';
import { RoundRunner } from './round-runner';
import { SocketClientChannel } from './socket-client-channel';
import { SocketRoundTraffic } from './socket-round-traffic';
import { createStatusRoute } from './status-route';
import { SuspicionPolicy } from './suspicion-policy';
import { TrafficMeter } from './traffic-meter';
import { CoordinatorClusterNode } from './coordinator-cluster-node';
import type { CoordinatorClusterOptions } from './coordinator-cluster-node';
import { resolveNodeId } from './node-id';
import { RedisRoundStore } from '@edgefl/coordinator-store/node';
import type { ClusterClientChannel } from './cluster-client-channel';
import { ClusterInbox } from './cluster-inbox';
import { EdgePreAggregator } from './edge-pre-aggregator';
import { RemotePartialCollector } from './remote-partial-collector';
import { MaskedPartialCollector } from './masked-partial-collector';
import { SecureEdgePreAggregator } from './secure-edge-pre-aggregator';
import { runAsClusterNode } from './run-as-cluster-node';
import { OpenRoundRecorder } from './open-round-recorder';
import { runRelevantConfig } from './run-relevant-config';

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
  tls?: TlsOptions;
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
  /**
   * The randomness of differential privacy (Poisson cohorts, central noise, adaptive clipping's
   * count noise, secure DP rotation seeds); tweetnacl's CSPRNG (`cryptoRandomSource()`) by default.
   * **For tests only**: whoever can predict it can take the noise back out of the model.
   */
  dpRandomSource?: RandomSource;
}

/**
 * The coordinator: serves the EdgeFL protocol over socket.io and runs FedAvg rounds. A façade over
 * its parts (docs/ARCHITECTURE.md, "How the coordinator is put together"): the {@link HttpFront}
 * (routes, TLS), the {@link ConnectionHandler} (socket.io, enrollment, guards, message routing)
 * and the {@link RoundRunner} (attempts, stages, commits), which reaches clients only through a
 * {@link ClientChannel}.
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
  private readonly context: RoundContext;
  private readonly front: HttpFront;
  private readonly runner: RoundRunner;
  private readonly handler: ConnectionHandler;
  /** Connection caps at the handshake, and who is admitted (enrolled clients, accepted dashboard viewers). */
  readonly connections: ConnectionLimiter;
  /** Prometheus metrics, served at `GET /metrics`. */
  readonly metrics: CoordinatorMetrics;
  /** The socket.io server; other features attach their own namespaces to it (e.g. a dashboard feed). */
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private port?: number;
  private readonly artifacts?: ModelArtifactExporter;
  /** This node's id (`CoordinatorOptions.nodeId`, or generated). */
  readonly nodeId: string;
  private readonly cluster?: CoordinatorClusterNode;
  private readonly clusterChannel?: ClusterClientChannel;

  constructor(private readonly options: CoordinatorOptions = {}) {
    super();
    const config = resolveCoordinatorConfig(options.config);
    this.config = config;
    this.logger = options.logger ?? silentLogger;
    this.nodeId = resolveNodeId(options.nodeId);
    const { access: modelAccess, sessionToken } = withSessionToken(
      options.modelAccess ?? resolveModelAccess(options.enrollment, options.access?.adminToken),
    );
    const access = options.access ?? {};
    this.front = new HttpFront([], options.tls);
    const edge = resolveEdgeGuardConfig(options.edge);
    const authThrottle = new AuthThrottle(edge.maxAuthFailures, edge.authFailureWindowMs);
    // Until a connection enrolled its transport buffers a control message at most (hello,
    // authenticate, a CONNECT packet), plus engine.io's framing.
    this.connections = new ConnectionLimiter(
      { ...edge, preEnrollmentTransportBytes: edge.maxControlMessageBytes + 1024 },
      authThrottle,
    );
    this.io = createSocketServer(this.front.server, config, edge, this.connections);
    this.traffic.attach(this.io);
    if (options.cluster) {
      const node = { nodeId: this.nodeId, runConfig: runRelevantConfig(this.config), logger: this.logger };
      this.cluster = new CoordinatorClusterNode(this.io, options.cluster, node);
      this.clusterChannel = this.cluster.createChannel(this.io, this.registry);
      this.cluster.trackClients(this, this.registry, this.clusterChannel);
    }
    // On Redis only the leader commits: the store's writes carry its lease's fencing token.
    this.store =
      this.cluster && options.store instanceof RedisRoundStore
        ? options.store.withFence(this.cluster.lease)
        : (options.store ?? new MemoryRoundStore());
    if (options.artifacts) this.artifacts = new ModelArtifactExporter(this.store, config.model, options.artifacts);
    this.context = {
      config,
      clients: this.clusterChannel ?? new SocketClientChannel(this.registry, this.io),
      strategy:
        options.strategy ??
        new FedAvgStrategy(createServerOptimizer(config.serverOptimizer), config.defence.aggregator),
      logger: this.logger,
      evaluate: options.evaluate,
      signal: this.abort.signal,
      downlink: config.downlink ? new DownlinkPlanner(config.downlink, config.seed) : undefined,
      privacy: config.dp && new PrivacyLedger(config.dp),
      adaptiveClip: config.dp?.adaptiveClip && new AdaptiveClip(config.dp.clip, config.dp.adaptiveClip),
      suspicion: new SuspicionPolicy(config.suspicion),
      dpRandom: options.dpRandomSource ?? cryptoRandomSource(),
    };
    this.on('update-accepted', (info) => this.context.downlink?.reported(info.clientId, info.roundId));
    this.runner = new RoundRunner({
      context: this.context,
      store: this.store,
      traffic: new SocketRoundTraffic(this.registry, this.traffic),
      events: this,
      initialWeights: async () => options.initialWeights ?? (await defaultInitialWeights(config.model, config.seed)),
    });
    if (this.cluster) {
      const run = { nodeId: this.nodeId, secure: config.secure !== false, stageTimeoutMs: config.roundTimeoutMs };
      this.runner.openRounds = new OpenRoundRecorder(this.cluster.openRounds, run, this.logger);
    }
    this.metrics = new CoordinatorMetrics({
      bytesIn: () => this.traffic.bytesIn,
      bytesOut: () => this.traffic.bytesOut,
      clientsConnected: () => this.registry.size,
      modelVersion: () => this.runner.modelVersion,
      epsilon: () => this.context.privacy?.epsilon,
      connections: () => ({ live: this.connections.live, pending: this.connections.pending }),
      handshakesRefused: () => this.connections.refusals,
    });
    this.metrics.observe(this);
    const routes: HttpRoute[] = [
      healthzRoute,
      createMetricsRoute(this.metrics, access, this.logger),
      createStatusRoute(() => this.status(), access),
      createModelHttpHandler({
        store: this.store,
        model: config.model,
        runId: config.runId,
        access: modelAccess,
        logger: this.logger,
      }),
      ...(options.httpHandlers ?? []),
    ];
    for (const route of routes) this.front.addRoute(route);
    this.handler = new ConnectionHandler({
      config,
      edge,
      registry: this.registry,
      gate: new EnrollmentGate(
        options.enrollment,
        options.clients,
        this.cluster?.challengeNonces,
        challengeTtl(edge.enrollmentTimeoutMs),
      ),
      connections: this.connections,
      authThrottle,
      metrics: this.metrics,
      events: this,
      logger: this.logger,
      inbox: this.cluster ? this.relayInbox(this.cluster) : this.runner,
      runEnd: () => this.runner.runEnd,
      modelToken: sessionToken,
      downlink: this.context.downlink,
    });
    this.io.on('connection', (socket) => this.handler.attach(socket));
  }

  /** On Redis: round messages go to the leader's runner, relayed when this node follows; remote clients gone with their node leave the round. */
  private relayInbox(cluster: CoordinatorClusterNode): ClusterInbox {
    const edge = new EdgePreAggregator(this.nodeId, this.config, this.logger);
    const secureEdge = new SecureEdgePreAggregator(this.nodeId, this.config);
    const inbox = new ClusterInbox(this.io, cluster.leadership, this.runner, this.logger, {
      edge,
      secureEdge,
      leader: this.runner,
    });
    this.runner.maskedPartials = new MaskedPartialCollector(
      (shape) => inbox.announceSecureShape(shape),
      (nodeId, roundId, clients) => inbox.requestMaskedPartial(nodeId, roundId, clients),
      this.logger,
    );
    this.runner.remotePartials = new RemotePartialCollector(
      (nodeId, roundId, accepted) => inbox.requestPartial(nodeId, roundId, accepted),
      this.logger,
      undefined,
      (roundId) => inbox.announceRound(roundId),
    );
    inbox.listen();
    if (this.clusterChannel) this.clusterChannel.onGone = (clientId) => this.runner.clientLeft(clientId);
    return inbox;
  }

  /** Starts serving; resolves with the bound port and URL. */
  async listen(): Promise<{ port: number; url: string }> {
    // A resumed run reports its committed version from the first request on, not 0 until run() reads the store.
    this.runner.modelVersion = (await this.store.latestCheckpoint())?.version ?? this.runner.modelVersion;
    // A duplicate node id or a different run configuration is refused before anything is served.
    await this.cluster?.join();
    const { port, url } = await this.front.listen(this.config.port, this.config.host);
    this.port = port;
    this.logger.info({ port }, 'coordinator listening');
    this.emit('listening', { port, url });
    return { port, url };
  }

  get connectedClients(): number {
    return this.registry.size;
  }

  /** Adds an HTTP route handler (dashboard, metrics...); it returns true when it answered. */
  addHttpHandler(handler: (request: IncomingMessage, response: ServerResponse) => boolean): void {
    this.front.addRoute(handler);
  }

  /** A snapshot for status pages: the open round, its stage, the model version and who is connected. */
  status(): CoordinatorStatus {
    const state = this.runner.state;
    return {
      runId: this.config.runId,
      nodeId: this.nodeId,
      round: state?.round ?? null,
      attempt: state?.attempt ?? null,
      stage: state?.stage ?? RoundStage.Idle,
      modelVersion: this.runner.modelVersion,
      clientsConnected: this.registry.size,
      rounds: this.config.rounds,
      ...(this.cluster && !state && { openRound: this.cluster.openRound ?? null }),
      ...(this.context.privacy && { epsilon: this.context.privacy.epsilon }),
    };
  }

  /**
   * Bans a client id for the life of this coordinator: its enrollments get `client-banned`, and a
   * live connection hears `client-banned` and is closed.
   */
  ban(clientId: string, reason = 'banned by the coordinator'): void {
    this.handler.ban(clientId, reason);
  }

  /** Resolves true once `count` clients are connected (a cluster node: to the run's nodes together), or false after `timeoutMs`. */
  async waitForClients(count: number, timeoutMs: number): Promise<boolean> {
    const timeout = AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]);
    if (this.cluster) return this.cluster.waitForClients(count, timeout);
    return this.registry.waitForClients(count, timeout);
  }

  /** Runs rounds until `config.rounds` have completed (resuming from the store's latest model), then ends the run. */
  async run(): Promise<RunSummary> {
    if (this.port === undefined) await this.listen();
    const summary =
      this.cluster && this.clusterChannel
        ? await runAsClusterNode({
            leadership: this.cluster.leadership,
            channel: this.clusterChannel,
            context: this.context,
            runner: this.runner,
            store: this.store,
            openRounds: this.cluster.openRounds,
            nodeId: this.nodeId,
            nodeTtlMs: this.cluster.ttlMs,
            signal: this.abort.signal,
          })
        : await this.runner.run();
    if (this.artifacts) {
      // A failed export is logged, never fatal: the run and its committed model stand.
      await this.exportModel(summary.modelVersion).catch((error: Error) =>
        this.logger.error({ modelVersion: summary.modelVersion, err: error.message }, 'model export failed'),
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
    if (this.runner.runEnd && this.registry.size > 0) {
      await this.registry.waitForEmpty(AbortSignal.timeout(drainMs));
    }
    this.abort.abort();
    // Only this node's sockets: with the Redis adapter a plain disconnectSockets() reaches every node's.
    this.io.local.disconnectSockets(true);
    // io.close() also closes the HTTP server, which waits for every connection: past the
    // deadline, whatever is left (half-sent requests, stalled uploads) is destroyed.
    const closed = new Promise<void>((resolve) => this.io.close(() => resolve()));
    await closeWithDeadline(this.front.server, closed, this.options.shutdownDeadlineMs ?? 5_000);
    await this.cluster?.leave();
  }
}
