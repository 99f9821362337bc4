import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploymentManifest } from '@edgefl/model-export';
import { runSimulator } from './support/run-simulator';

describe('edgefl-sim --out DIR', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'edgefl-sim-out-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes the final model deployment artifacts to DIR/model/', async () => {
    const result = await runSimulator([
      ...['--dataset', 'synthetic', '--clients', '3', '--per-round', '3', '--rounds', '1', '--no-secure'],
      ...['--input-size', '8', '--widths', '2', '--samples-per-client', '16', '--test-limit', '40'],
      ...['--threads', '1', '--backend', 'cpu', '--seed', '5', '--quiet', '--out', out],
    ]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(join(out, 'model', 'deployment.json'));
    expect((await readdir(join(out, 'model'))).sort()).toEqual(
      [
        'deployment.json',
        'model-full-int8.tflite',
        'model-sparse.efls',
        'model-sparse-int8.efls',
        'model-int8.onnx',
        'model-int8.tflite',
        'model.onnx',
        'model.tflite',
        'tfjs-float16',
        'tfjs-float32',
        'tfjs-uint8',
      ].sort(),
    );
    const manifest = JSON.parse(await readFile(join(out, 'model', 'deployment.json'), 'utf8')) as DeploymentManifest;
    expect(manifest.model).toMatchObject({ modelVersion: 1, spec: { inputShape: [8, 8, 1], widths: [2] } });
    expect(manifest.testSet).toEqual({ count: 40, name: 'synthetic' });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as {
      summary: { finalAccuracy: number };
    };
    // The float32 artifacts score what the coordinator's own evaluation of the final model scored.
    for (const name of ['tfjs-float32', 'model.onnx', 'model.tflite', 'model-sparse.efls']) {
      expect(manifest.artifacts.find((a) => a.name === name)?.accuracy).toBeCloseTo(report.summary.finalAccuracy, 10);
    }
  });
});
