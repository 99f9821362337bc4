import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { ModelSpec } from '@edgefl/protocol';
import type { LocalDataset } from '@edgefl/runtime';
import { assertLocalDataset } from '@edgefl/runtime';
import { ProceduralDataTrainer } from './procedural-data-trainer';

/** Records the datasets it is handed; returns a zero delta. */
class RecordingTrainer implements LocalTrainer {
  readonly backend = 'recording';
  readonly seen: LocalDataset[] = [];
  disposed = false;

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    this.seen.push(data);
    return { delta: new Float32Array(task.weights.length), numSamples: data.count, metrics: { loss: 0, accuracy: 0 } };
  }

  dispose(): void {
    this.disposed = true;
  }
}

function task(model: ModelSpec): LocalTrainingTask {
  return {
    roundId: 'r',
    model,
    weights: new Float32Array(3),
    training: { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' },
    seed: 1,
    signal: new AbortController().signal,
  };
}

const held: LocalDataset = {
  images: new Float32Array(2 * 28 * 28),
  labels: new Uint8Array(2),
  shape: [28, 28, 1],
  classes: 10,
  count: 2,
};

describe('ProceduralDataTrainer', () => {
  it('trains on the held data when it fits the task model', async () => {
    const inner = new RecordingTrainer();
    const trainer = new ProceduralDataTrainer({ trainer: inner, count: 16, seed: 3 });
    await trainer.train(task({ kind: 'separable-cnn', inputShape: [28, 28, 1], widths: [4], classes: 10 }), held);
    expect(inner.seen).toEqual([held]);
    expect(trainer.backend).toBe('recording');
  });

  it('generates examples shaped for the task model once per shape, seeded', async () => {
    const inner = new RecordingTrainer();
    const trainer = new ProceduralDataTrainer({ trainer: inner, count: 16, seed: 3 });
    const small: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [4], classes: 4 };
    await trainer.train(task(small), held);
    await trainer.train(task(small), held);
    await trainer.train(task({ ...small, inputShape: [12, 12, 3] }), held);
    const [first, second, third] = inner.seen;
    assertLocalDataset(first);
    expect(first).toMatchObject({ shape: [8, 8, 1], classes: 4, count: 16 });
    expect(second).toBe(first);
    expect(third).toMatchObject({ shape: [12, 12, 3], classes: 4, count: 16 });
    const again = new RecordingTrainer();
    await new ProceduralDataTrainer({ trainer: again, count: 16, seed: 3 }).train(task(small), held);
    expect(again.seen[0].images).toEqual(first.images);
  });

  it('disposes the trainer it wraps', () => {
    const inner = new RecordingTrainer();
    new ProceduralDataTrainer({ trainer: inner, count: 1, seed: 0 }).dispose();
    expect(inner.disposed).toBe(true);
  });

  it('checks its options', () => {
    const inner = new RecordingTrainer();
    expect(
      () => new ProceduralDataTrainer(null as unknown as { trainer: LocalTrainer; count: number; seed: number }),
    ).toThrow('options');
    expect(() => new ProceduralDataTrainer({ trainer: {} as LocalTrainer, count: 1, seed: 0 })).toThrow(
      'options.trainer',
    );
    expect(() => new ProceduralDataTrainer({ trainer: inner, count: 0, seed: 0 })).toThrow('options.count');
    expect(() => new ProceduralDataTrainer({ trainer: inner, count: 1, seed: -1 })).toThrow('options.seed');
  });
});
