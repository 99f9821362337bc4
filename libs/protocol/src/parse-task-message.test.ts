import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { VALID_TASK, withField } from './testing/message-fixtures';
import { parseTaskMessage } from './parse-task-message';

describe('parseTaskMessage', () => {
  it('accepts a valid task, weights from a Buffer or an ArrayBuffer', () => {
    expect(parseTaskMessage(VALID_TASK)).toEqual(VALID_TASK);
    const fromBuffer = parseTaskMessage({ ...VALID_TASK, weights: Buffer.from(VALID_TASK.weights) });
    expect(fromBuffer.weights?.constructor).toBe(Uint8Array);
    expect(parseTaskMessage({ ...VALID_TASK, weights: VALID_TASK.weights.slice().buffer }).weights).toEqual(
      VALID_TASK.weights,
    );
    expect(parseTaskMessage({ ...VALID_TASK, encoding: { kind: 'float32' } }).encoding).toEqual({ kind: 'float32' });
  });

  it('accepts a pruning mask of ceil(P / 8) bytes and names a mask that does not fit the model', () => {
    const mask = new Uint8Array(2053).fill(0xff);
    mask[2052] = 0x07; // 16419 = 8 * 2052 + 3: three bits in the last byte
    expect(parseTaskMessage({ ...VALID_TASK, mask }).mask).toEqual(mask);
    expectProtocolError(
      () => parseTaskMessage({ ...VALID_TASK, mask: mask.subarray(1) }),
      ErrorCode.InvalidMessage,
      'task.mask must be 2053 bytes (one bit per parameter, the model has 16419), got 2052',
    );
    expectProtocolError(
      () => parseTaskMessage({ ...VALID_TASK, mask: Uint8Array.from(mask, (b, i) => (i === 2052 ? 0x0f : b)) }),
      ErrorCode.InvalidMessage,
      'task.mask must have its padding bits at 0',
    );
    expectProtocolError(
      () => parseTaskMessage({ ...VALID_TASK, mask: 'ff' }),
      ErrorCode.InvalidMessage,
      'task.mask must be binary',
    );
  });

  it('names task.mask when the model is too large for any mask (more than 2^53 - 1 parameters)', () => {
    // The largest model the fields allow: its dense kernel alone has 32767^2 x 65535^2 (about 4.6e18) weights.
    const model = { kind: 'separable-cnn', inputShape: [65_535, 65_535, 65_535], widths: [65_535], classes: 65_535 };
    expectProtocolError(
      () => parseTaskMessage({ ...VALID_TASK, model, mask: new Uint8Array(1) }),
      ErrorCode.InvalidMessage,
      'task.mask cannot cover a model of more than 2^53 - 1 parameters',
    );
  });

  it.each([
    ['type', 'welcome', "task.type must be 'task'"],
    ['runId', '', 'task.runId must be 1-64 characters'],
    ['roundId', 'a'.repeat(65), 'task.roundId must be 1-64 characters'],
    ['round', -1, 'task.round must be a non-negative integer'],
    ['attempt', 0.5, 'task.attempt must be a non-negative integer'],
    ['modelVersion', null, 'task.modelVersion must be a non-negative integer'],
    ['model', [], 'task.model must be an object'],
    ['model.kind', 'mlp', "task.model.kind must be 'separable-cnn'"],
    ['model.inputShape', [28, 28], 'task.model.inputShape must be an array of 3-3 integers'],
    ['model.inputShape', [28, 0, 1], 'task.model.inputShape[1] must be an integer in [1, 65535]'],
    ['model.widths', [], 'task.model.widths must be an array of 1-32 integers'],
    ['model.widths', [16, -32], 'task.model.widths[1] must be an integer in [1, 65535]'],
    ['model.classes', 1, 'task.model.classes must be an integer in [2, 65535]'],
    ['weights', 'AAAA', 'task.weights must be binary (Uint8Array or ArrayBuffer)'],
    ['training', undefined, 'task.training must be an object'],
    ['training.epochs', 0, 'task.training.epochs must be a positive integer'],
    ['training.batchSize', 1.5, 'task.training.batchSize must be a positive integer'],
    ['training.learningRate', 0, 'task.training.learningRate must be a finite number above 0'],
    ['training.learningRate', Number.NaN, 'task.training.learningRate must be a finite number above 0'],
    ['training.optimizer', 'rmsprop', "task.training.optimizer must be 'sgd' or 'adam'"],
    ['training.steps', 0, 'task.training.steps must be an integer in [1, 1000000]'],
    ['training.proximalMu', -0.1, 'task.training.proximalMu must be a finite number >= 0'],
    ['training.proximalMu', Number.POSITIVE_INFINITY, 'task.training.proximalMu must be a finite number'],
    ['encoding.bits', 32, 'task.encoding.bits must be an integer in [1, 16]'],
    ['timeoutMs', 0, 'task.timeoutMs must be a positive integer'],
    ['seed', -1, 'task.seed must be an integer in [0, 4294967295]'],
    ['seed', 2 ** 32, 'task.seed must be an integer in [0, 4294967295]'],
  ])('refuses a bad %s (%p)', (path, value, message) => {
    expectProtocolError(() => parseTaskMessage(withField(VALID_TASK, path, value)), ErrorCode.InvalidMessage, message);
  });

  it('reads a downlink delta in place of the weights, and refuses both or neither', () => {
    const downlink = {
      baseVersion: 3,
      baseHash: 'ab'.repeat(16),
      delta: new Uint8Array([1, 2]),
      modelHash: 'cd'.repeat(16),
      maxError: 0.001,
    };
    const { weights: _weights, ...withoutWeights } = VALID_TASK;
    expect(parseTaskMessage({ ...withoutWeights, downlink }).downlink).toEqual(downlink);
    expect(parseTaskMessage({ ...withoutWeights, downlink }).weights).toBeUndefined();
    expectProtocolError(
      () => parseTaskMessage({ ...VALID_TASK, downlink }),
      ErrorCode.InvalidMessage,
      'task must carry either weights or downlink, not both',
    );
    expectProtocolError(
      () => parseTaskMessage(withoutWeights),
      ErrorCode.InvalidMessage,
      'task.weights must be binary (Uint8Array or ArrayBuffer)',
    );
    expectProtocolError(
      () => parseTaskMessage({ ...withoutWeights, downlink: { ...downlink, baseHash: 'AB'.repeat(16) } }),
      ErrorCode.InvalidMessage,
      'task.downlink.baseHash must be 32 lowercase hex digits',
    );
    expectProtocolError(
      () => parseTaskMessage({ ...withoutWeights, downlink: { ...downlink, maxError: -1 } }),
      ErrorCode.InvalidMessage,
      'task.downlink.maxError must be a finite number >= 0',
    );
  });

  it('reads the optional local steps and FedProx mu (0 means off)', () => {
    expect(
      parseTaskMessage(withField(withField(VALID_TASK, 'training.steps', 25), 'training.proximalMu', 0.01)).training,
    ).toMatchObject({ steps: 25, proximalMu: 0.01 });
    expect(parseTaskMessage(withField(VALID_TASK, 'training.proximalMu', 0)).training.proximalMu).toBeUndefined();
    expect(parseTaskMessage(VALID_TASK).training.steps).toBeUndefined();
  });

  it('only ever throws ProtocolError on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (input) => returnsOrThrowsProtocolError(() => parseTaskMessage(input))));
  });
});
