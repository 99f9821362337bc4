import { modelParameterCount } from '@edgefl/protocol';
import { levelSumBits } from '@edgefl/quantization';
import { measureClusterRounds } from './support/measure-cluster-rounds';
import type { ClusterRoundsMeasured } from './support/measure-cluster-rounds';
import { RedisWithRunDir } from './support/redis-with-run-dir';

const ROUNDS = 3;
/** The coordinator's default quantization bits of a secure round. */
const BITS = 8;

/** A model of `inputSize` and `widths`: its flags and the bytes of one masked input of a round of `clients` in Redis. */
function modelOf(inputSize: number, widths: number[], clients: number): { flags: string[]; maskedPayload: number } {
  const parameters = modelParameterCount({
    kind: 'separable-cnn',
    inputShape: [inputSize, inputSize, 1],
    widths,
    classes: 10,
  });
  // L = parameters + 1 elements of m bits, as the adapter writes binary to its stream (base64: 4/3).
  const packed = Math.ceil(((parameters + 1) * levelSumBits(BITS, clients)) / 8);
  return {
    flags: ['--input-size', String(inputSize), '--widths', widths.join(',')],
    maskedPayload: Math.ceil((packed * 4) / 3),
  };
}

describe('secure edge pre-aggregation across three coordinator nodes (real redis-server, CLI nodes, simulator)', () => {
  const world = new RedisWithRunDir();

  beforeEach(() => world.start('cluster-secure-preagg'));
  afterEach(() => world.stop());

  async function measure(clients: number, model: string[], nodes = 3): Promise<ClusterRoundsMeasured> {
    const { redis, out } = world;
    const result = await measureClusterRounds({ redis, out, clients, rounds: ROUNDS, model, nodes, secure: true });
    await world.restartRedis();
    return result;
  }

  it('secure rounds of 12 clients commit bit for bit the model one node commits without pre-aggregation', async () => {
    const { flags } = modelOf(16, [8, 16], 12);
    const spread = await measure(12, flags);
    const single = await measure(12, flags, 1);
    console.log(
      JSON.stringify({
        'secure-6..12-small-model': { in12: spread.perRound.inputBytes, out12: spread.perRound.outputBytes },
      }),
    );
    expect(spread.participants).toEqual([12, 12, 12]);
    expect(single.participants).toEqual([12, 12, 12]);
    expect([spread.folded, single.folded]).toEqual([true, false]);
    expect(spread.weights).toBeDefined();
    expect(
      Buffer.from((spread.weights as Float32Array).buffer).equals(Buffer.from((single.weights as Float32Array).buffer)),
    ).toBe(true);
  }, 900_000);

  it('Redis bytes per secure round grow far less than one masked input per added client (6 to 12 clients)', async () => {
    const model = modelOf(32, [32, 64], 12);
    const small = modelOf(16, [8, 16], 12);
    const results: Record<string, ClusterRoundsMeasured> = {};
    for (const [name, clients, flags] of [
      ['small-6', 6, small.flags],
      ['small-12', 12, small.flags],
      ['large-6', 6, model.flags],
      ['large-12', 12, model.flags],
    ] as const)
      results[name] = await measure(clients, [...flags]);
    const growthOf = (size: 'small' | 'large'): number =>
      results[`${size}-12`].perRound.inputBytes - results[`${size}-6`].perRound.inputBytes;
    // What the 6 more clients add that grows with the model: masked inputs, partials (a bit wider: m grows with n).
    const modelGrowth = growthOf('large') - growthOf('small');
    console.log(
      JSON.stringify({
        maskedPayload: { small: small.maskedPayload, large: model.maskedPayload },
        perRound: Object.fromEntries(
          Object.entries(results).map(([name, r]) => [
            name,
            { in: r.perRound.inputBytes, out: r.perRound.outputBytes, folded: r.folded, participants: r.participants },
          ]),
        ),
        growth: { small: growthOf('small'), large: growthOf('large'), withTheModel: modelGrowth },
      }),
    );
    for (const [name, r] of Object.entries(results)) {
      expect({ name, participants: r.participants, folded: r.folded }).toEqual({
        name,
        participants: name.endsWith('-6') ? [6, 6, 6] : [12, 12, 12],
        folded: true,
      });
    }
    // Relayed one by one, the 4 more follower clients' masked inputs would add 4 masked payloads of the large model
    // (minus 4 of the small one) to the growth; folded, what grows with the model is the two partials' extra bit (m grows with n).
    // The SecAgg stage messages of 6 more clients (kilobytes each, independent of the model) come on top either way.
    // Run to run the window's bytes vary (11 KB in one run, 135 KB in a loaded CI run; the cause of the larger figure is
    // not pinned down yet): the bound is two masked inputs, half of what relaying the 4 follower clients' inputs adds.
    expect(modelGrowth).toBeLessThan(2 * model.maskedPayload);
  }, 1_800_000);
});
