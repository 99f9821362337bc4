import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx, FASHION_MNIST_FILES } from '@edgefl/datasets';
import { DEFAULT_SIMULATION_OPTIONS, type SimulationOptions } from './simulation-options';
import { loadSimulationData } from './simulation-data';

describe('loadSimulationData --input-size on Fashion-MNIST', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edgefl-sim-data-'));
  const write = (file: string, dims: number[], data: Uint8Array) =>
    writeFileSync(join(dir, file), gzipSync(encodeIdx({ dims, data })));
  // Image n is constant n * 20: a resampled image must stay that constant.
  const images = (count: number) => Uint8Array.from({ length: count * 784 }, (_, k) => Math.floor(k / 784) * 20);
  const labels = (count: number) => Uint8Array.from({ length: count }, (_, n) => n % 10);
  write(FASHION_MNIST_FILES.trainImages, [12, 28, 28], images(12));
  write(FASHION_MNIST_FILES.trainLabels, [12], labels(12));
  write(FASHION_MNIST_FILES.testImages, [6, 28, 28], images(6));
  write(FASHION_MNIST_FILES.testLabels, [6], labels(6));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const options = (extra: Partial<SimulationOptions>): SimulationOptions => ({
    ...DEFAULT_SIMULATION_OPTIONS,
    dataset: 'fashion-mnist',
    dataDir: dir,
    clients: 2,
    samplesPerClient: 0,
    partition: 'iid',
    ...extra,
  });

  it('resamples train and test to S x S', () => {
    const data = loadSimulationData(options({ inputSize: 14 }));
    expect(data.source).toBe('fashion-mnist');
    expect(data.test.shape).toEqual([14, 14, 1]);
    expect(data.test.images.length).toBe(6 * 196);
    expect(data.test.images[5 * 196 + 100]).toBeCloseTo(100 / 255, 5);
    expect(data.clientData.every((d) => d.shape[0] === 14 && d.images.length === d.count * 196)).toBe(true);
  });

  it('leaves 28 x 28 alone without --input-size, and in --light mode', () => {
    expect(loadSimulationData(options({})).test.shape).toEqual([28, 28, 1]);
    expect(loadSimulationData(options({ inputSize: 8, light: true })).test.shape).toEqual([28, 28, 1]);
  });
});
