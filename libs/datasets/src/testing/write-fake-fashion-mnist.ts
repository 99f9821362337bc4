import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../encode-idx';
import { FASHION_MNIST_FILES } from '../fashion-mnist-files';

/**
 * Test support: writes a small Fashion-MNIST-shaped directory (gzip IDX, 28x28 bytes, labels 0..9)
 * so loader tests never need the real files. Pixel value of image n at offset i is (n * 7 + i) % 256.
 */
export function writeFakeFashionMnist(dir: string, counts: { train: number; test: number }): void {
  mkdirSync(dir, { recursive: true });
  const write = (file: string, dims: number[], data: Uint8Array): void =>
    writeFileSync(join(dir, file), gzipSync(encodeIdx({ dims, data })));
  const images = (count: number): Uint8Array =>
    Uint8Array.from({ length: count * 784 }, (_, k) => (Math.floor(k / 784) * 7 + (k % 784)) % 256);
  const labels = (count: number): Uint8Array => Uint8Array.from({ length: count }, (_, n) => n % 10);
  write(FASHION_MNIST_FILES.trainImages, [counts.train, 28, 28], images(counts.train));
  write(FASHION_MNIST_FILES.trainLabels, [counts.train], labels(counts.train));
  write(FASHION_MNIST_FILES.testImages, [counts.test, 28, 28], images(counts.test));
  write(FASHION_MNIST_FILES.testLabels, [counts.test], labels(counts.test));
}
