import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { RoundRecord } from '@edgefl/coordinator-store';
import type { ModelSpec } from '@edgefl/protocol';
import { Coordinator } from './coordinator';
import type { CoordinatorStatus } from './coordinator-events';
import { roundRecordFixture } from '@edgefl/coordinator-store/testing';

const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 };

/** A completed round that committed `version`. */
const record = (version: number): RoundRecord => roundRecordFixture(version, 'completed', version);

// Found with the Redis store, whose reads take a round trip: a restarted coordinator answered
// /api/status with model version 0 until run() had read the store.
describe('Coordinator status of a resumed run', () => {
  it("reports the store's committed model version as soon as it listens, before run() starts", async () => {
    const store = new MemoryRoundStore();
    await store.putInitialCheckpoint({ version: 0, weights: new Float32Array(4), createdAt: 1_000 });
    for (const version of [1, 2])
      await store.commitRound(record(version), {
        version,
        weights: new Float32Array(4).fill(version),
        createdAt: 1_000 + version,
      });
    const coordinator = new Coordinator({ config: { secure: false, port: 0, host: '127.0.0.1', model: MODEL }, store });
    const { url } = await coordinator.listen();
    try {
      expect(coordinator.status().modelVersion).toBe(2);
      const status = (await (await fetch(`${url}/api/status`)).json()) as CoordinatorStatus;
      expect(status.modelVersion).toBe(2);
    } finally {
      await coordinator.close();
    }
  });

  it('reports version 0 when the store holds no model yet', async () => {
    const coordinator = new Coordinator({
      config: { secure: false, port: 0, host: '127.0.0.1', model: MODEL },
      store: new MemoryRoundStore(),
    });
    await coordinator.listen();
    try {
      expect(coordinator.status().modelVersion).toBe(0);
    } finally {
      await coordinator.close();
    }
  });
});
