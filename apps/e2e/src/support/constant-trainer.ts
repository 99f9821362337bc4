import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { LocalDataset } from '@edgefl/runtime';

/**
 * Says whether the `call`-th task (1-based) is held, and until what: the trainer reports once the
 * promise resolves, and never if the round ends for it first (its `task.signal` aborts). Undefined
 * trains at once.
 */
export type HoldTask = (task: LocalTrainingTask, call: number) => Promise<void> | undefined;

/** A promise that never settles: held with it, a task lasts until its round ends (a straggler). */
export const UNTIL_THE_ROUND_ENDS: Promise<void> = new Promise<void>(() => undefined);

/** Resolves with `held`, or rejects once `signal` aborts (the client gave the task up). */
function heldUntil(held: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new Error('training aborted: the round ended'));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('training aborted: the round ended'));
    signal.addEventListener('abort', onAbort, { once: true });
    held.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * A trainer with no model: it returns `delta` filled with `value` after `delayMs`, and after
 * whatever `hold` says to wait for. Lets the lifecycle tests run real sockets and a real
 * coordinator without paying for tfjs training, and order a client's report after an event
 * (another client left, the round ended) instead of racing a sleep against it.
 */
export class ConstantTrainer implements LocalTrainer {
  readonly backend = 'constant';
  calls = 0;

  constructor(
    private readonly value: number,
    private readonly delayMs = 0,
    private readonly hold?: HoldTask,
  ) {}

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    this.calls++;
    const held = this.hold?.(task, this.calls);
    if (held) await heldUntil(held, task.signal);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return {
      delta: new Float32Array(task.weights.length).fill(this.value),
      numSamples: data.count,
      metrics: { loss: 1, accuracy: 0.5 },
    };
  }

  dispose(): void {
    // Holds nothing.
  }
}
