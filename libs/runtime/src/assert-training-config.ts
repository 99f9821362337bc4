import type { TrainingConfig } from '@edgefl/protocol';

/**
 * Checks a `TrainingConfig` received from a coordinator, naming the bad field.
 *
 * @example
 * assertTrainingConfig({ epochs: 1, batchSize: 32, learningRate: 0.01, optimizer: 'sgd' });
 */
export function assertTrainingConfig(config: TrainingConfig, name = 'config'): void {
  if (config === null || typeof config !== 'object') throw new TypeError(`${name} must be a TrainingConfig object`);
  if (!Number.isInteger(config.epochs) || config.epochs < 1)
    throw new Error(`${name}.epochs must be an integer >= 1, got ${config.epochs}`);
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1) {
    throw new Error(`${name}.batchSize must be an integer >= 1, got ${config.batchSize}`);
  }
  if (typeof config.learningRate !== 'number' || !Number.isFinite(config.learningRate) || config.learningRate <= 0) {
    throw new Error(`${name}.learningRate must be a finite number > 0, got ${config.learningRate}`);
  }
  if (config.steps !== undefined && (!Number.isInteger(config.steps) || config.steps < 1)) {
    throw new Error(`${name}.steps must be an integer >= 1 when present, got ${config.steps}`);
  }
  if (
    config.proximalMu !== undefined &&
    !(typeof config.proximalMu === 'number' && Number.isFinite(config.proximalMu) && config.proximalMu >= 0)
  ) {
    throw new Error(`${name}.proximalMu must be a finite number >= 0 when present, got ${config.proximalMu}`);
  }
  if (config.optimizer !== 'sgd' && config.optimizer !== 'adam') {
    throw new Error(`${name}.optimizer must be 'sgd' or 'adam', got ${String(config.optimizer)}`);
  }
}
