import { encodeTensors, modelHash } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { applyQuantizedDelta, encodeQuantizedUpdate, stochasticQuantize } from '@edgefl/quantization';
import { DownlinkMismatchError, DownlinkReceiver } from './downlink-receiver';

const full = Float32Array.from([0.5, -0.25, 1, 2]);
const task = (fields: Partial<TaskMessage>): TaskMessage => ({
  type: 'task',
  runId: 'run',
  roundId: 'run/1/1',
  round: 1,
  attempt: 1,
  modelVersion: 0,
  model: { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 },
  training: { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' },
  encoding: { kind: 'float32' },
  timeoutMs: 1000,
  seed: 1,
  ...fields,
});
const fullTask = task({ weights: encodeTensors([{ dtype: 'float32', shape: [4], data: full }]) });

describe('DownlinkReceiver', () => {
  const next = Float32Array.from([0.6, -0.2, 1.1, 1.9]);
  const bytes = encodeQuantizedUpdate(
    stochasticQuantize(
      Float32Array.from(next, (x, i) => x - full[i]),
      { bits: 8, clip: { kind: 'per-chunk', chunkSize: 1024 } },
      5,
    ),
  );

  it('keeps a full model as its base and rebuilds the next one from a delta, checking its hash', () => {
    const receiver = new DownlinkReceiver();
    expect(Array.from(receiver.receive(fullTask))).toEqual(Array.from(full));
    // The coordinator's side: the same rebuild, hashed.
    const expected = applyQuantizedDelta(full, bytes);
    const got = receiver.receive(
      task({
        modelVersion: 1,
        downlink: {
          baseVersion: 0,
          baseHash: modelHash(full),
          delta: bytes,
          modelHash: modelHash(expected),
          maxError: 0.01,
        },
      }),
    );
    expect(Array.from(got)).toEqual(Array.from(expected));
    for (let i = 0; i < 4; i++) expect(Math.abs(got[i] - next[i])).toBeLessThan(0.01);
  });

  it('refuses a delta from another base, or whose rebuilt model hashes differently, with a named error', () => {
    const receiver = new DownlinkReceiver();
    const delta = {
      baseVersion: 0,
      baseHash: modelHash(full),
      delta: bytes,
      modelHash: '0'.repeat(32),
      maxError: 0.01,
    };
    expect(() => receiver.receive(task({ downlink: delta }))).toThrow(
      new DownlinkMismatchError('the task is a delta from version 0, but this client holds no full model'),
    );
    receiver.receive(fullTask);
    expect(() => receiver.receive(task({ downlink: delta }))).toThrow(
      /the rebuilt model hashes to [0-9a-f]{32}, the coordinator's to 0{32}/,
    );
    expect(() => receiver.receive(task({ downlink: { ...delta, baseHash: 'f'.repeat(32) } }))).toThrow(
      DownlinkMismatchError,
    );
  });
});
