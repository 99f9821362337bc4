import fc from 'fast-check';
import { runInMemorySecAggRound, type InMemoryDropouts } from './in-memory-secagg-round';
import { modulusBitsFor } from './modulus-bits-for';
import { buildNeighbourGraph } from './neighbour-graph';
import { predictRoundOutcome } from './predict-round-outcome';
import { ThresholdError, UnmaskRequestError } from './secagg-errors';
import { RoundStage } from '@edgefl/protocol';

type DropPoint = 'none' | keyof InMemoryDropouts;

const dropPoint = fc.oneof(
  { weight: 6, arbitrary: fc.constant<DropPoint>('none') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<DropPoint>(
      'beforeAdvertise',
      'afterAdvertise',
      'afterShare',
      'afterMaskedInput',
      'afterConsistencySignature',
    ),
  },
);

const scenario = fc
  .record({
    n: fc.integer({ min: 3, max: 12 }),
    kPick: fc.nat(),
    tPick: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
    inputBits: fc.integer({ min: 1, max: 24 }),
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    consistencyCheck: fc.boolean(),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      drops: fc.array(dropPoint, { minLength: base.n, maxLength: base.n }),
      inputs: fc.array(
        fc.array(fc.nat({ max: 2 ** base.inputBits - 1 }), { minLength: base.length, maxLength: base.length }),
        {
          minLength: base.n,
          maxLength: base.n,
        },
      ),
    }),
  );

describe('runInMemorySecAggRound (SecAgg+ and classic SecAgg end to end)', () => {
  it('unmasks exactly the sum of the survivors mod 2^m, or aborts with ThresholdError exactly when the rules say so (with and without the consistency check)', () => {
    fc.assert(
      fc.property(scenario, ({ base, drops, inputs }) => {
        const { n, kPick, tPick, length, inputBits, seed, consistencyCheck } = base;
        // k: complete graph (classic SecAgg) or an even k < n-1 (SecAgg+).
        const evenChoices = Array.from({ length: Math.max(0, Math.floor((n - 2) / 2)) }, (_, i) => 2 * (i + 1)).filter(
          (k) => k < n - 1,
        );
        const k = kPick % (evenChoices.length + 1) === 0 ? n - 1 : evenChoices[(kPick % (evenChoices.length + 1)) - 1];
        const degree = Math.min(k, n - 1);
        const lowest = Math.floor(degree / 2) + 1;
        const t = lowest + (tPick % (degree - lowest + 1));
        const m = modulusBitsFor(2 ** inputBits - 1, n);
        const ids = Array.from({ length: n }, (_, i) => i + 1);
        const dropouts: Record<string, number[]> = {};
        ids.forEach((id, i) => {
          if (drops[i] !== 'none') (dropouts[drops[i]] ??= []).push(id);
        });

        const report = runInMemorySecAggRound({
          roundId: `prop-${n}-${k}-${t}`,
          inputs: new Map(ids.map((id, i) => [id, Uint32Array.from(inputs[i])] as const)),
          modulusBits: m,
          neighbourCount: k,
          threshold: t,
          graphSeed: seed,
          dropouts,
          consistencyCheck,
        });
        // Without the check there is no consistency stage to go silent in: such a client stays.
        const predicted = predictRoundOutcome(
          buildNeighbourGraph(ids, k, seed).neighbours,
          t,
          dropouts,
          consistencyCheck,
        );
        if (predicted.completes) {
          expect(report.error).toBeUndefined();
          expect(report.result?.survivors).toEqual(predicted.survivors);
          const expected = new Uint32Array(length);
          for (const id of predicted.survivors)
            inputs[id - 1].forEach((v, j) => (expected[j] = (expected[j] + v) % 2 ** m));
          expect(report.result?.sum).toEqual(expected);
        } else {
          expect(report.error).toBeInstanceOf(ThresholdError);
          expect(report.result).toBeUndefined();
          if (predicted.abortedBeforeUnmask) expect(report.revealingClients).toBe(0);
        }
        // Honest clients only abort for too few peers, or refuse to unmask with too few survivors.
        for (const error of report.clientErrors.values())
          expect([ThresholdError, UnmaskRequestError]).toContain(error.constructor);
      }),
      // Each run is a whole round of real crypto: no shrinking (it would replay hundreds of rounds).
      { numRuns: 15, endOnFailure: true },
    );
  });

  it('completes with every client when nobody drops (classic SecAgg, n = 5)', () => {
    const inputs = new Map([1, 2, 3, 4, 5].map((id) => [id, Uint32Array.of(id, 255, 0)] as const));
    const report = runInMemorySecAggRound({
      roundId: 'classic',
      inputs,
      modulusBits: modulusBitsFor(255, 5),
      neighbourCount: 4,
    });
    expect(report.result).toEqual({
      sum: Uint32Array.of(15, 1275, 0),
      survivors: [1, 2, 3, 4, 5],
      wrongShareHolders: [],
    });
    expect(report.revealingClients).toBe(5);
  });

  it('with the consistency check, sums exactly while clients drop before signing and after signing', () => {
    const inputs = new Map(Array.from({ length: 8 }, (_, i) => [i + 1, Uint32Array.of(i + 1, 3)] as const));
    const report = runInMemorySecAggRound({
      roundId: 'checked',
      inputs,
      modulusBits: 8,
      neighbourCount: 7,
      threshold: 4,
      consistencyCheck: true,
      dropouts: { afterMaskedInput: [4], afterConsistencySignature: [6, 7] },
    });
    // 4, 6 and 7 uploaded y: they are in U3 and in the sum; 4 never signed, 6 and 7 never revealed.
    expect(report.result).toEqual({
      sum: Uint32Array.of(36, 24),
      survivors: [1, 2, 3, 4, 5, 6, 7, 8],
      wrongShareHolders: [],
    });
    expect(report.revealingClients).toBe(5);
    expect(report.dropoutsByStage.get(RoundStage.ConsistencyCheck)).toEqual([4]);
    expect(report.dropoutsByStage.get(RoundStage.Unmask)).toEqual([6, 7]);
  });

  it('aborts with ThresholdError and reveals nothing when too many drop before masking', () => {
    const inputs = new Map([1, 2, 3, 4, 5].map((id) => [id, Uint32Array.of(id)] as const));
    const report = runInMemorySecAggRound({
      roundId: 'too-few',
      inputs,
      modulusBits: 8,
      neighbourCount: 4,
      threshold: 3,
      dropouts: { afterAdvertise: [1, 2], afterShare: [3] },
    });
    expect(report.error).toBeInstanceOf(ThresholdError);
    expect(report.revealingClients).toBe(0);
    expect(report.dropoutsByStage.get('share-keys' as never)).toEqual([1, 2]);
  });

  it('packs masked inputs as the wire does and shows the observer every call and upload in order', () => {
    const inputs = new Map([1, 2, 3, 4].map((id) => [id, Uint32Array.of(id, 7)] as const));
    const calls: string[] = [];
    const uploads: string[] = [];
    const report = runInMemorySecAggRound({
      roundId: 'observed',
      inputs,
      modulusBits: 5,
      neighbourCount: 3,
      threshold: 2,
      consistencyCheck: true,
      packMaskedInputs: true,
      dropouts: { afterShare: [4] },
      observer: {
        around: (step, call) => {
          calls.push(step.side === 'server' ? step.step : `${step.clientIndex}:${step.step}`);
          return call();
        },
        upload: (clientIndex, message) => {
          uploads.push(`${clientIndex}:${message.kind}`);
          if (message.kind === 'masked-input') expect(message.packed).toHaveLength(2); // 2 x 5 bits
        },
      },
    });
    expect(report.result?.sum).toEqual(Uint32Array.of(6, 21));
    const forClient = (id: number) => calls.filter((call) => call.startsWith(`${id}:`));
    expect(forClient(1)).toEqual(['1:advertise', '1:share', '1:mask', '1:pack', '1:sign', '1:check', '1:unmask']);
    expect(forClient(4)).toEqual(['4:advertise', '4:share']);
    const server = calls.filter((call) => !call.includes(':'));
    expect(server[0]).toBe('setup');
    expect(server.at(-1)).toBe('finish');
    expect(server.filter((call) => call === 'close')).toHaveLength(4);
    expect(server.filter((call) => call === 'unpack')).toHaveLength(3);
    expect(uploads.filter((upload) => upload.startsWith('2:'))).toEqual([
      '2:advertisement',
      '2:shares',
      '2:masked-input',
      '2:consistency-signature',
      '2:revealed-shares',
    ]);
  });
});
