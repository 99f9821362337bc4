import { modelParameterCount } from '@edgefl/protocol';
import type { ModelSpec } from '@edgefl/protocol';
import { encodeTensors } from '@edgefl/protocol';
import { CoordinatorUnreachableError } from './client-errors';
import { FederatedClient } from './federated-client';
import type { LocalTrainer, LocalTrainingResult } from './local-trainer';
import { scriptedCoordinator } from './testing/scripted-coordinator';
import type { ScriptedCoordinator } from './testing/scripted-coordinator';

const DATA = {
  images: new Float32Array(64),
  labels: Uint8Array.of(0),
  shape: [8, 8, 1] as [number, number, number],
  classes: 10,
  count: 1,
};
const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 };
const RUN_END = { type: 'run-end', runId: 'run', reason: 'completed', modelVersion: 0, rounds: 0 };
/** Short delays; the longest (the period a connection must last to prove itself) far above a welcome-then-drop. */
const POLICY = { retries: 3, backoffMs: 20, maxBackoffMs: 5_000, timeoutMs: 5_000 };

/** Never finishes a task: the connection drops first. */
class IdleTrainer implements LocalTrainer {
  readonly backend = 'idle';
  train(task: { signal: AbortSignal }): Promise<LocalTrainingResult> {
    return new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(new Error('aborted'))));
  }
  dispose(): void {
    // Holds nothing.
  }
}

describe('FederatedClient reconnect backoff', () => {
  let coordinator: ScriptedCoordinator | undefined;
  afterEach(async () => {
    await coordinator?.close();
    coordinator = undefined;
  });

  it('a node that welcomes and drops at once does not reset the count: the client backs off exponentially and gives up after its retries', async () => {
    // The node drops each connection once the client has taken its welcome; from the 9th on it ends
    // the run instead: a client that retried for ever resolves, and fails the test.
    coordinator = await scriptedCoordinator((socket, connection) => {
      if (connection >= 8) socket.emit('run-end', RUN_END);
    });
    const node = coordinator;
    const client = new FederatedClient({ url: node.url, data: DATA, trainer: new IdleTrainer(), connection: POLICY });
    client.on('connected', () => {
      if (node.connections() <= 8) node.latest()?.disconnect(true);
    });
    const attempts: Array<{ attempt: number; delayMs: number }> = [];
    client.on('reconnecting', ({ attempt, delayMs }) => attempts.push({ attempt, delayMs }));
    const error = await client.run().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(CoordinatorUnreachableError);
    expect((error as CoordinatorUnreachableError).attempts).toBe(4);
    expect(coordinator.connections()).toBe(4);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // Doubling with ±50 % jitter: attempt n waits within [0.5, 1.5] x 20 x 2^(n-1) ms.
    attempts.forEach(({ attempt, delayMs }) => {
      expect(delayMs).toBeGreaterThanOrEqual(10 * 2 ** (attempt - 1));
      expect(delayMs).toBeLessThanOrEqual(30 * 2 ** (attempt - 1));
    });
  });

  it('a connection that received a task proved itself: the count starts again after it', async () => {
    const weights = encodeTensors([
      { dtype: 'float32', shape: [modelParameterCount(MODEL)], data: new Float32Array(modelParameterCount(MODEL)) },
    ]);
    // Six welcome-task-drop connections, more than the 3 retries allow in a row, then the run ends.
    coordinator = await scriptedCoordinator((socket, connection) => {
      if (connection >= 6) {
        socket.emit('run-end', RUN_END);
        return;
      }
      socket.emit('task', {
        type: 'task',
        runId: 'run',
        roundId: `run/${connection + 1}/1`,
        round: connection + 1,
        attempt: 1,
        modelVersion: 0,
        model: MODEL,
        weights,
        training: { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' },
        encoding: { kind: 'float32' },
        timeoutMs: 10_000,
        seed: connection,
      });
      setImmediate(() => socket.disconnect(true));
    });
    const client = new FederatedClient({
      url: coordinator.url,
      data: DATA,
      trainer: new IdleTrainer(),
      connection: POLICY,
    });
    const attempts: number[] = [];
    client.on('reconnecting', ({ attempt }) => attempts.push(attempt));
    await expect(client.run()).resolves.toMatchObject({ reason: 'completed' });
    expect(attempts).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
