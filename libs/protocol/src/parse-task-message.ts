import {
  type FieldSource,
  hasField,
  invalid,
  readBinary,
  readFiniteNumber,
  readId,
  readInteger,
  readIntegerArray,
  readLiteral,
  readNestedRecord,
  readRecord,
} from './field-readers';
import { readDownlinkDelta } from './downlink-delta';
import type { ModelSpec } from './model-spec';
import { modelParameterCount } from './model-parameter-count';
import { decodePruningMask } from './pruning-mask-codec';
import { readSecureRoundSetup } from './read-secure-round-setup';
import { readUpdateEncoding } from './read-update-encoding';
import type { TaskMessage } from './server-messages';
import type { TrainingConfig } from './training-config';

/** Largest dimension of `model.inputShape` and of each `model.widths` entry, and most classes. */
export const MAX_MODEL_DIMENSION = 65_535;
/** Most conv blocks in `model.widths`. */
export const MAX_MODEL_BLOCKS = 32;

/**
 * Validates a `task` from the coordinator (docs/PROTOCOL.md, "task"). `weights` may arrive as a
 * Uint8Array, a Node Buffer or an ArrayBuffer and is returned as a plain Uint8Array view; its
 * tensors are decoded separately with decodeTensors. An optional `mask` is checked against the
 * model's parameter count (decode it with decodePruningMask).
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g. `task.training.learningRate must be a finite number above 0`.
 * @example
 * socket.on('task', (input: unknown) => { const task = parseTaskMessage(input); ... });
 */
export function parseTaskMessage(input: unknown): TaskMessage {
  const source = readRecord(input, 'task');
  const task: TaskMessage = {
    type: readLiteral(source, 'type', ['task']),
    runId: readId(source, 'runId'),
    roundId: readId(source, 'roundId'),
    round: readInteger(source, 'round'),
    attempt: readInteger(source, 'attempt'),
    modelVersion: readInteger(source, 'modelVersion'),
    model: readModelSpec(readNestedRecord(source, 'model')),
    training: readTrainingConfig(readNestedRecord(source, 'training')),
    encoding: readUpdateEncoding(source, 'encoding'),
    timeoutMs: readInteger(source, 'timeoutMs', 1),
    seed: readInteger(source, 'seed', 0, 0xffff_ffff),
  };
  if (hasField(source, 'downlink')) {
    if (hasField(source, 'weights')) throw invalid('task', 'must carry either weights or downlink, not both');
    task.downlink = readDownlinkDelta(readNestedRecord(source, 'downlink'));
  } else {
    task.weights = readBinary(source, 'weights');
  }
  if (hasField(source, 'secure')) task.secure = readSecureRoundSetup(source, 'secure');
  if (hasField(source, 'mask')) {
    task.mask = readBinary(source, 'mask');
    const parameterCount = modelParameterCount(task.model);
    // The fields allow models of ~4.6e18 parameters: no mask fits one past 2^53 - 1.
    if (!Number.isSafeInteger(parameterCount))
      throw invalid('task.mask', 'cannot cover a model of more than 2^53 - 1 parameters');
    decodePruningMask(task.mask, parameterCount, 'task.mask');
  }
  return task;
}

function readModelSpec(model: FieldSource): ModelSpec {
  const inputShape = readIntegerArray(model, 'inputShape', {
    minLength: 3,
    maxLength: 3,
    min: 1,
    max: MAX_MODEL_DIMENSION,
  });
  return {
    kind: readLiteral(model, 'kind', ['separable-cnn']),
    inputShape: [inputShape[0], inputShape[1], inputShape[2]],
    widths: readIntegerArray(model, 'widths', {
      minLength: 1,
      maxLength: MAX_MODEL_BLOCKS,
      min: 1,
      max: MAX_MODEL_DIMENSION,
    }),
    classes: readInteger(model, 'classes', 2, MAX_MODEL_DIMENSION),
  };
}

/** Most local steps a task may ask for. */
export const MAX_LOCAL_STEPS = 1_000_000;

function readTrainingConfig(training: FieldSource): TrainingConfig {
  const config: TrainingConfig = {
    epochs: readInteger(training, 'epochs', 1),
    batchSize: readInteger(training, 'batchSize', 1),
    learningRate: readFiniteNumber(training, 'learningRate', 0),
    optimizer: readLiteral(training, 'optimizer', ['sgd', 'adam']),
  };
  if (hasField(training, 'steps')) config.steps = readInteger(training, 'steps', 1, MAX_LOCAL_STEPS);
  if (hasField(training, 'proximalMu')) {
    const mu = readFiniteNumber(training, 'proximalMu');
    if (mu < 0) throw invalid(`${training.path}.proximalMu`, 'must be a finite number >= 0');
    if (mu > 0) config.proximalMu = mu;
  }
  return config;
}
