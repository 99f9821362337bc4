import { resolveCoordinatorConfig } from './coordinator-config';
import { runRelevantConfig } from './run-relevant-config';

describe('runRelevantConfig', () => {
  it("leaves out the node's own settings and keeps everything else", () => {
    const a = runRelevantConfig(
      resolveCoordinatorConfig({ secure: false, port: 7070, host: '0.0.0.0', pingIntervalMs: 1_000 }),
    );
    const b = runRelevantConfig(
      resolveCoordinatorConfig({ secure: false, port: 7071, host: '127.0.0.1', pingTimeoutMs: 5_000 }),
    );
    expect(a).toEqual(b);
    for (const key of ['port', 'host', 'pingIntervalMs', 'pingTimeoutMs']) expect(a).not.toHaveProperty(key);
    for (const key of ['runId', 'rounds', 'clientsPerRound', 'model', 'encoding', 'training', 'seed', 'defence'])
      expect(a).toHaveProperty(key);
  });

  it('differs when a run setting differs (rounds, secure parameters, quantization)', () => {
    const base = runRelevantConfig(resolveCoordinatorConfig({ secure: false, rounds: 3 }));
    expect(runRelevantConfig(resolveCoordinatorConfig({ secure: false, rounds: 4 }))).not.toEqual(base);
    expect(
      runRelevantConfig(
        resolveCoordinatorConfig({
          secure: false,
          rounds: 3,
          encoding: { kind: 'quantized', bits: 8, chunkSize: 1024, errorFeedback: false },
        }),
      ),
    ).not.toEqual(base);
    const secure = (bits: number): unknown =>
      runRelevantConfig(
        resolveCoordinatorConfig({
          rounds: 3,
          secure: { bits, range: 0.05, weightCap: 1_000, stageTimeoutMs: 30_000 },
        }),
      ).secure;
    expect(secure(8)).not.toEqual(secure(4));
  });

  it('is plain JSON (what Redis records)', () => {
    const relevant = runRelevantConfig(resolveCoordinatorConfig({ secure: false }));
    expect(JSON.parse(JSON.stringify(relevant))).toEqual(relevant);
  });
});
