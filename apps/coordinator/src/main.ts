import { readFileSync } from 'node:fs';
import pino from 'pino';
import { Coordinator, createModelEvaluator } from '@edgefl/coordinator';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { ClientRegistryStore, RoundStore } from '@edgefl/coordinator-store';
import {
  DuplicateNodeIdError,
  RedisRoundStore,
  RunConfigMismatchError,
  SqliteRoundStore,
} from '@edgefl/coordinator-store/node';
import { createBrowserDemo } from '@edgefl/browser-client/node';
import { createDashboard } from '@edgefl/dashboard';
import { makeProceduralDataset } from '@edgefl/datasets';
import type { Dataset } from '@edgefl/datasets';
import type { ModelSpec } from '@edgefl/protocol';
import { findFashionMnist, loadFashionMnist } from '@edgefl/datasets/node';
import { countParameters } from '@edgefl/models';
import { initializeBackend } from '@edgefl/runtime/node';
import { COORDINATOR_HELP, parseCoordinatorArgs } from './coordinator-cli-options';
import type { CoordinatorCliOptions } from './coordinator-cli-options';

async function main(): Promise<void> {
  let options: CoordinatorCliOptions | 'help';
  try {
    options = parseCoordinatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `edgefl-coordinator: ${(error as Error).message}\nRun edgefl-coordinator --help for the flags.\n`,
    );
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(COORDINATOR_HELP);
    return;
  }
  // The coordinator logs only ids, counts and reasons; the redaction is a second line of defence.
  const logger = pino({
    level: options.logLevel,
    base: { service: 'edgefl-coordinator' },
    redact: {
      paths: [
        'token',
        'modelToken',
        'identityKey',
        'payload',
        'signature',
        'nonce',
        '*.token',
        '*.modelToken',
        '*.payload',
      ],
      censor: '[redacted]',
    },
  });
  const backend = await initializeBackend({ backend: options.backend });
  const store = await openStore(options, logger);
  const testSet = testSetFor(options);
  const coordinator = new Coordinator({
    config: options.config,
    store,
    clients: isClientRegistryStore(store) ? store : undefined,
    logger,
    evaluate: testSet ? createModelEvaluator(testSet.model, testSet.data) : undefined,
    artifacts:
      options.modelDir && testSet
        ? { dir: options.modelDir, testSet: testSet.data, testSetName: testSet.name }
        : undefined,
    enrollment: options.enrollment,
    edge: options.edge,
    access: {
      adminToken: process.env.EDGEFL_ADMIN_TOKEN || undefined,
      metricsToken: process.env.EDGEFL_METRICS_TOKEN || undefined,
    },
    shutdownDeadlineMs: options.shutdownDeadlineMs,
    tls: options.tls ? { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) } : undefined,
    nodeId: options.nodeId,
    // On Redis every coordinator is a node of the run: socket.io's Redis adapter and a node registration.
    cluster: store instanceof RedisRoundStore ? { redis: store.redis } : undefined,
  });
  coordinator.addHttpHandler(
    createDashboard(coordinator, {
      adminToken: process.env.EDGEFL_ADMIN_TOKEN || undefined,
      maxSubscribers: options.dashboardMaxViewers,
    }).httpHandler,
  );
  coordinator.addHttpHandler(createBrowserDemo().httpHandler);
  if (options.modelDir && !testSet)
    logger.warn(
      { modelDir: options.modelDir },
      'no held-out set (--eval-dataset none): deployment artifacts are not written',
    );
  const { url } = await coordinator.listen().catch(async (error: Error) => {
    if (!(error instanceof DuplicateNodeIdError || error instanceof RunConfigMismatchError)) throw error;
    // Refused by the run in Redis: a clear message, nothing served, nothing written.
    logger.error({ nodeId: coordinator.nodeId, refusal: error.name }, error.message);
    await store.close();
    process.stderr.write(`edgefl-coordinator: ${error.message}\n`);
    process.exit(3);
  });
  logger.info(
    {
      url,
      nodeId: coordinator.nodeId,
      backend,
      rounds: coordinator.config.rounds,
      perRound: coordinator.config.clientsPerRound,
      auth: options.enrollment.mode,
    },
    'ready',
  );
  coordinator.on('evaluation', ({ modelVersion, accuracy, loss }) =>
    logger.info({ modelVersion, accuracy, loss }, 'evaluation'),
  );
  if (options.waitForClients !== undefined) {
    logger.info({ clients: options.waitForClients }, 'waiting for clients');
    await coordinator.waitForClients(options.waitForClients, 2 ** 31 - 1);
  }
  const running = coordinator.run();
  const shutdown = (signal: string): void => {
    logger.info({ signal, deadlineMs: options.shutdownDeadlineMs }, 'shutting down');
    // A backstop past the connection deadline and the round's last write: the process always ends.
    setTimeout(() => {
      logger.error({ signal }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, options.shutdownDeadlineMs + 10_000).unref();
    // Let the interrupted round record its abandonment before the store closes.
    void coordinator
      .close()
      .then(() =>
        Promise.race([running.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]),
      )
      .then(() => store.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  const summary = await running;
  logger.info({ reason: summary.reason, modelVersion: summary.modelVersion }, 'run finished');
  // Closing at once would cut the run-end message off in the sockets' buffers, and clients that never
  // hear it keep reconnecting: give them a moment to hear it and leave.
  await clientsLeft(coordinator, 5_000);
  await coordinator.close();
  await store.close();
}

/**
 * Memory without `--state-dir` or `--redis`; otherwise SQLite under the dir or Redis at the URL,
 * reporting the model version a restart resumes from and refusing state written for a different
 * model shape.
 */
async function openStore(options: CoordinatorCliOptions, logger: pino.Logger): Promise<RoundStore> {
  if (options.stateDir === undefined && options.redis === undefined) return new MemoryRoundStore();
  const where = options.redis !== undefined ? { redis: redactUrl(options.redis) } : { stateDir: options.stateDir };
  const flag = options.redis !== undefined ? `--redis ${where.redis}` : `--state-dir ${options.stateDir}`;
  const store =
    options.redis !== undefined
      ? await RedisRoundStore.connect(options.redis, {
          onConnectionError: (error) =>
            logger.warn({ ...where, error: error.message }, 'redis connection error (retrying)'),
        })
      : SqliteRoundStore.open(options.stateDir as string);
  const latest = await store.latestCheckpoint();
  if (!latest) {
    logger.info(where, 'state holds no model yet: starting from the initial model');
    return store;
  }
  const expected = options.config.model ? countParameters(options.config.model) : latest.weights.length;
  if (latest.weights.length !== expected) {
    await store.close();
    throw new Error(
      `${flag}: model version ${latest.version} has ${latest.weights.length} weights, the configured model has ${expected}; ` +
        `pass the --input-size/--widths it was trained with, or fresh state`,
    );
  }
  logger.info(
    { ...where, modelVersion: latest.version, weights: latest.weights.length },
    'resuming from the last committed model',
  );
  return store;
}

/** The URL without its password, for logs and errors. */
function redactUrl(text: string): string {
  const url = new URL(text);
  if (url.password) url.password = 'redacted';
  return url.toString();
}

function isClientRegistryStore(store: RoundStore): store is RoundStore & ClientRegistryStore {
  return typeof (store as Partial<ClientRegistryStore>).registerClient === 'function';
}

/** Resolves once no client is connected, or after `timeoutMs`. */
function clientsLeft(coordinator: Coordinator, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function onLeft({ connected }: { connected: number }): void {
      if (connected === 0) done();
    }
    function done(): void {
      clearTimeout(timer);
      coordinator.off('client-disconnected', onLeft);
      resolve();
    }
    coordinator.on('client-disconnected', onLeft);
    if (coordinator.connectedClients === 0) done();
  });
}

/** The held-out set the evaluations and the deployment artifacts are scored on, if any. */
function testSetFor(options: CoordinatorCliOptions): { model: ModelSpec; data: Dataset; name: string } | undefined {
  if (options.evalDataset === 'none') return undefined;
  const model = options.config.model;
  if (!model) return undefined;
  const dir = options.evalDataset === 'synthetic' ? undefined : findFashionMnist({ dir: options.dataDir });
  if (options.evalDataset === 'fashion-mnist' && !dir)
    throw new Error('--eval-dataset fashion-mnist: no Fashion-MNIST files found');
  const [side] = model.inputShape;
  if (dir && side === 28)
    return {
      model,
      data: loadFashionMnist(dir, { trainLimit: 1, testLimit: options.testLimit }).test,
      name: 'fashion-mnist t10k',
    };
  return {
    model,
    data: makeProceduralDataset({ count: Math.min(options.testLimit, 2_000), seed: 7, shape: model.inputShape }),
    name: 'procedural (seed 7)',
  };
}

main().catch((error: Error) => {
  process.stderr.write(`edgefl-coordinator: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
