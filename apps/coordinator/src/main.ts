import pino from 'pino';
import { Coordinator, createModelEvaluator } from '@edgefl/coordinator';
import type { ModelEvaluation } from '@edgefl/coordinator';
import { makeProceduralDataset } from '@edgefl/datasets';
import { findFashionMnist, loadFashionMnist } from '@edgefl/datasets/node';
import { initializeBackend } from '@edgefl/runtime/node';
import { COORDINATOR_HELP, parseCoordinatorArgs } from './coordinator-cli-options';
import type { CoordinatorCliOptions } from './coordinator-cli-options';

async function main(): Promise<void> {
  let options: CoordinatorCliOptions | 'help';
  try {
    options = parseCoordinatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`edgefl-coordinator: ${(error as Error).message}\nRun edgefl-coordinator --help for the flags.\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(COORDINATOR_HELP);
    return;
  }
  const logger = pino({ level: options.logLevel, base: { service: 'edgefl-coordinator' } });
  const backend = await initializeBackend({ backend: options.backend });
  const coordinator = new Coordinator({ config: options.config, logger, evaluate: evaluatorFor(options) });
  const { url } = await coordinator.listen();
  logger.info({ url, backend, rounds: coordinator.config.rounds, perRound: coordinator.config.clientsPerRound }, 'ready');
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    void coordinator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  coordinator.on('evaluation', ({ modelVersion, accuracy, loss }) => logger.info({ modelVersion, accuracy, loss }, 'evaluation'));
  const summary = await coordinator.run();
  logger.info({ reason: summary.reason, modelVersion: summary.modelVersion }, 'run finished');
  await coordinator.close();
}

function evaluatorFor(options: CoordinatorCliOptions): ((weights: Float32Array) => Promise<ModelEvaluation>) | undefined {
  if (options.evalDataset === 'none') return undefined;
  const model = options.config.model;
  if (!model) return undefined;
  const dir = options.evalDataset === 'synthetic' ? undefined : findFashionMnist({ dir: options.dataDir });
  if (options.evalDataset === 'fashion-mnist' && !dir) throw new Error('--eval-dataset fashion-mnist: no Fashion-MNIST files found');
  const [side] = model.inputShape;
  const test =
    dir && side === 28
      ? loadFashionMnist(dir, { trainLimit: 1, testLimit: options.testLimit }).test
      : makeProceduralDataset({ count: Math.min(options.testLimit, 2_000), seed: 7, shape: model.inputShape });
  return createModelEvaluator(model, test);
}

main().catch((error: Error) => {
  process.stderr.write(`edgefl-coordinator: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
