import { generateIdentity } from '@edgefl/client';
import { LightTrainer } from './light-trainer';
import { simulatedClientOptions } from './simulated-client-options';
import type { SimulatedClientSpec } from './simulated-client-spec';

const spec: SimulatedClientSpec = {
  clientId: 'sim-7',
  data: { images: new Float32Array(64), labels: new Uint8Array(1), shape: [8, 8, 1], classes: 10, count: 1 },
  dropout: 0,
  straggle: 0,
  badActor: false,
  roundTimeoutMs: 600_000,
  seed: 1,
};

describe('simulatedClientOptions', () => {
  it("waits for the coordinator's acks as long as the round deadline: hundreds of clients share a thread", () => {
    // A 1,000-client secure run packs 500 clients on each worker: one client's 30 s ack timer fires
    // while its neighbours' key agreement holds the thread, before the ack is read (bench:dp).
    const options = simulatedClientOptions(spec, 'http://127.0.0.1:1', generateIdentity(), new LightTrainer());
    expect(options.ackTimeoutMs).toBe(600_000);
    expect(options.connection).toEqual({ timeoutMs: 60_000, retries: 20 });
    expect(options).toMatchObject({ urls: ['http://127.0.0.1:1'], clientId: 'sim-7', platform: 'edgefl-sim' });
  });

  it("connects to the spec's own node when it names one, then fails over to the others", () => {
    const options = simulatedClientOptions(
      { ...spec, coordinatorUrl: 'http://127.0.0.1:2', failoverUrls: ['http://127.0.0.1:3'] },
      'http://127.0.0.1:1',
      generateIdentity(),
      new LightTrainer(),
    );
    expect(options.urls).toEqual(['http://127.0.0.1:2', 'http://127.0.0.1:3']);
  });
});
