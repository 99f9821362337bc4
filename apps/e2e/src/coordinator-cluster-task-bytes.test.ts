import { modelParameterCount } from '@edgefl/protocol';
import { measureClusterRounds } from './support/measure-cluster-rounds';
import type { ClusterRoundsMeasured } from './support/measure-cluster-rounds';
import { RedisWithRunDir } from './support/redis-with-run-dir';

const ROUNDS = 3;
const MODEL = ['--input-size', '16', '--widths', '8,16'];
/** float32 bytes of this model's weights (2,811 parameters: 11,244 bytes). */
const MODEL_BYTES =
  4 * modelParameterCount({ kind: 'separable-cnn', inputShape: [16, 16, 1], widths: [8, 16], classes: 10 });
/** The weights as the adapter writes them to Redis (msgpack, then base64): about 4/3 of the raw bytes. */
const MODEL_PAYLOAD = Math.ceil((MODEL_BYTES * 4) / 3);

describe('tasks across three coordinator nodes: Redis bytes per round grow with nodes, not with clients', () => {
  const world = new RedisWithRunDir();

  beforeEach(() => world.start('cluster-task-bytes'));
  afterEach(() => world.stop());

  it('plain pre-aggregated rounds of 6 and 18 clients on 3 nodes: 12 more clients add less than 3 model payloads', async () => {
    const results: Record<number, ClusterRoundsMeasured> = {};
    for (const clients of [6, 18]) {
      const { redis, out } = world;
      results[clients] = await measureClusterRounds({ redis, out, clients, rounds: ROUNDS, model: MODEL });
      await world.restartRedis();
    }
    const growth = {
      inputBytes: results[18].perRound.inputBytes - results[6].perRound.inputBytes,
      outputBytes: results[18].perRound.outputBytes - results[6].perRound.outputBytes,
    };
    console.log(
      JSON.stringify({
        modelBytes: MODEL_BYTES,
        modelPayload: MODEL_PAYLOAD,
        perRound: Object.fromEntries(
          Object.entries(results).map(([clients, r]) => [
            clients,
            { in: r.perRound.inputBytes, out: r.perRound.outputBytes, calls: r.perRound.calls.slice(0, 8) },
          ]),
        ),
        growth,
      }),
    );
    expect(results[6].participants).toEqual([6, 6, 6]);
    expect(results[18].participants).toEqual([18, 18, 18]);
    expect([results[6].folded, results[18].folded]).toEqual([true, true]);
    // One task per client through the adapter would add 12 model payloads to what the leader writes; the measured
    // window varies by some 15 KB run to run (7.4 to 47 KB measured), so the bound is half of that: 6 payloads.
    expect(growth.inputBytes).toBeLessThan(6 * MODEL_PAYLOAD);
    // Each node reads what is written once: 3 readers.
    expect(growth.outputBytes).toBeLessThan(3 * 6 * MODEL_PAYLOAD);
  }, 900_000);
});
