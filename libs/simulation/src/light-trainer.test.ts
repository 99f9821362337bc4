import { LIGHT_DELTA_VALUE, LightTrainer } from './light-trainer';

const data = {
  images: new Float32Array(4 * 64),
  labels: new Uint8Array(4),
  shape: [8, 8, 1] as [number, number, number],
  classes: 10,
  count: 4,
};
const task = (signal: AbortSignal) =>
  ({
    roundId: 'run/1/1',
    model: { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 },
    weights: new Float32Array(343),
    training: { epochs: 1, batchSize: 4, learningRate: 0.01, optimizer: 'sgd' },
    seed: 1,
    signal,
  }) as Parameters<LightTrainer['train']>[0];

describe('LightTrainer', () => {
  it('returns the fixed synthetic delta and the sample count', async () => {
    const result = await new LightTrainer(1).train(task(new AbortController().signal), data);
    expect(result.delta).toEqual(new Float32Array(343).fill(LIGHT_DELTA_VALUE));
    expect(result.numSamples).toBe(4);
  });

  it('stops waiting when the round is aborted', async () => {
    const abort = new AbortController();
    const pending = new LightTrainer(60_000).train(task(abort.signal), data);
    abort.abort();
    await expect(pending).rejects.toThrow(/aborted/);
  });

  it('names a bad delay', () => {
    expect(() => new LightTrainer(-1)).toThrow(/delayMs/);
  });
});
