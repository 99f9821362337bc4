import { modelParameterCount } from '@edgefl/protocol';
import { measureClusterRounds } from './support/measure-cluster-rounds';
import type { ClusterRoundsMeasured } from './support/measure-cluster-rounds';
import { RedisWithRunDir } from './support/redis-with-run-dir';

const ROUNDS = 4;
const INPUT_SIZE = 16;
const WIDTHS = [8, 16];
/** float32 bytes of one update of this model (2,811 parameters: 11,244 bytes). */
const MODEL_BYTES =
  4 *
  modelParameterCount({ kind: 'separable-cnn', inputShape: [INPUT_SIZE, INPUT_SIZE, 1], widths: WIDTHS, classes: 10 });

describe('edge pre-aggregation across three coordinator nodes: Redis bytes per round', () => {
  const world = new RedisWithRunDir();

  beforeEach(() => world.start('cluster-preagg'));
  afterEach(() => world.stop());

  /** Runs ROUNDS plain rounds of every client on 3 nodes and measures Redis from the end of round 1 to the end of the last. */
  function measure(clients: number, aggregator: string[]): Promise<ClusterRoundsMeasured> {
    const model = ['--input-size', String(INPUT_SIZE), '--widths', WIDTHS.join(',')];
    const { redis, out } = world;
    return measureClusterRounds({ redis, out, clients, rounds: ROUNDS, model, extra: aggregator });
  }

  // Prints Redis bytes per round (docs/SCALING.md, "Edge pre-aggregation"); asserts exact round counts and that
  // FedAvg runs folded node partials while a robust aggregator relayed per client. Bytes per client are asserted in
  // coordinator-cluster-task-bytes.test.ts.
  it('FedAvg rounds over 6 and 12 clients on 3 nodes fold one partial per follower node; median relays per client', async () => {
    const results: Record<string, ClusterRoundsMeasured> = {};
    for (const [name, clients, aggregator] of [
      ['fedavg-6', 6, []],
      ['fedavg-12', 12, []],
      ['median-12', 12, ['--aggregator', 'median']],
    ] as const) {
      results[name] = await measure(clients, [...aggregator]);
      await world.restartRedis();
    }
    console.log(
      JSON.stringify(
        Object.fromEntries(
          Object.entries(results).map(([name, r]) => [
            name,
            {
              inPerRound: r.perRound.inputBytes,
              outPerRound: r.perRound.outputBytes,
              folded: r.folded,
              calls: r.perRound.calls.slice(0, 8),
              modelBytes: MODEL_BYTES,
            },
          ]),
        ),
      ),
    );
    expect(results['fedavg-6'].participants).toEqual([6, 6, 6, 6]);
    expect(results['fedavg-12'].participants).toEqual([12, 12, 12, 12]);
    expect(results['median-12'].participants).toEqual([12, 12, 12, 12]);
    expect([results['fedavg-6'].folded, results['fedavg-12'].folded, results['median-12'].folded]).toEqual([
      true,
      true,
      false,
    ]);
  }, 900_000);
});
