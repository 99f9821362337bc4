import { ErrorCode } from '../error-code';
import { DEFAULT_MODEL_SPEC } from '../model-spec';

/** Test helper: valid wire messages as plain objects, the way socket.io hands them over. */
export const VALID_HELLO = {
  type: 'hello',
  protocolVersions: [1],
  clientId: 'device-7',
  token: 'enroll-abc',
  identityKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
  agent: { sdk: '@edgefl/client 0.1.0', backend: 'wasm', platform: 'node 20' },
};

export const VALID_UPDATE = {
  type: 'update',
  roundId: 'run-1/3/0',
  modelVersion: 3,
  numSamples: 600,
  metrics: { loss: 0.42, accuracy: 0.87 },
  encoding: { kind: 'float32' },
  payload: new Uint8Array([0x45, 0x46, 0x54, 0x31, 0, 0, 0, 0]),
};

export const VALID_WELCOME = {
  type: 'welcome',
  protocolVersion: 1,
  clientId: 'device-7',
  runId: 'run-1',
  limits: { maxUpdateBytes: 16777216, maxMessageBytes: 20971520 },
};

export const VALID_TASK = {
  type: 'task',
  runId: 'run-1',
  roundId: 'run-1/3/0',
  round: 3,
  attempt: 0,
  modelVersion: 3,
  model: {
    ...DEFAULT_MODEL_SPEC,
    inputShape: [...DEFAULT_MODEL_SPEC.inputShape],
    widths: [...DEFAULT_MODEL_SPEC.widths],
  },
  weights: new Uint8Array([0x45, 0x46, 0x54, 0x31, 0, 0, 0, 0]),
  training: { epochs: 1, batchSize: 32, learningRate: 0.01, optimizer: 'sgd' },
  encoding: { kind: 'quantized', bits: 8, chunkSize: 1024, errorFeedback: true },
  timeoutMs: 60000,
  seed: 4294967295,
};

export const VALID_ACCEPTED = { type: 'accepted', roundId: 'run-1/3/0' };

export const VALID_ROUND_END = {
  type: 'round-end',
  roundId: 'run-1/3/0',
  round: 3,
  outcome: 'abandoned',
  reason: 'too few reports before the deadline',
  modelVersion: 3,
  participants: 2,
  modelUrl: '/api/model/v/3/model.json',
};

export const VALID_RUN_END = {
  type: 'run-end',
  runId: 'run-1',
  reason: 'completed',
  modelVersion: 10,
  rounds: 10,
  modelUrl: '/api/model/v/10/model.json',
};

export const VALID_ERROR_REPLY = {
  type: 'error',
  code: ErrorCode.LateReport,
  message: 'round run-1/3/0 is closed',
  roundId: 'run-1/3/0',
};

/** A deep copy of `message` with the field at dotted `path` set to `value` (`undefined` deletes it). */
export function withField<T extends object>(message: T, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(message) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}
