import { FederatedClient } from '@edgefl/client';
import type { ClientRunSummary, FederatedClientOptions } from '@edgefl/client';
import { FedAvgStrategy } from '@edgefl/aggregation';
import type { CoordinatorConfig, CoordinatorLogger } from '@edgefl/coordinator';
import { ErrorCode, RoundStage, SECURE_CLIENT_STAGES } from '@edgefl/protocol';
import type { RoundEndMessage } from '@edgefl/protocol';
import { decodeLevelSum, fixedRangeLevels, levelSumBits } from '@edgefl/quantization';
import { SeededRandom } from '@edgefl/random';
import { packMaskedVector, unpackMaskedVector } from '@edgefl/secagg';
import { io } from 'socket.io-client';
import { CRITICAL_15_P001, chiSquare } from './support/chi-square';
import { ConstantTrainer } from './support/constant-trainer';
import { seededRandomBytes } from './support/seeded-random-bytes';
import { hex, plainSecureInput, sumVectors } from './support/secure-expectation';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

const SECURE = { range: 0.5, bits: 8, weightCap: 150, stageTimeoutMs: 30_000 };

/** What the test saw of one client. */
interface Seen {
  clientId: string;
  value: number;
  samples: number;
  roundSeed: Map<string, number>;
  index: Map<string, number>;
  stagesSent: Array<{ roundId: string; stage: RoundStage }>;
  errors: Error[];
  roundEnds: RoundEndMessage[];
}

function capturingLogger(lines: string[]): CoordinatorLogger {
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push(JSON.stringify({ level, message, ...fields }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * Starts a secure coordinator and `values.length` real clients over sockets; `dropAt(seen, stage)`
 * decides whether a client vanishes right before sending its message of that stage.
 */
async function secureRun(
  values: number[],
  samples: number[],
  config: Partial<CoordinatorConfig>,
  dropAt: (seen: Seen, roundId: string, stage: RoundStage) => boolean = () => false,
  wrapConnect?: (index: number) => FederatedClientOptions['connect'],
  clientOptions: Partial<FederatedClientOptions> | ((index: number) => Partial<FederatedClientOptions>) = {},
) {
  const lines: string[] = [];
  const { coordinator, url, store } = await startCoordinator(
    {
      rounds: 1,
      clientsPerRound: values.length,
      overSelection: 1,
      minReports: 2,
      roundTimeoutMs: 20_000,
      secure: SECURE,
      ...config,
    },
    { logger: capturingLogger(lines) },
  );
  const masked: Array<{ clientIndex: number; maskedVector: Uint8Array }> = [];
  const signatures: Array<{ clientIndex: number }> = [];
  coordinator.io.on('connection', (socket) => {
    socket.on('secagg-masked-input', (message: { clientIndex: number; maskedVector: Uint8Array }) =>
      masked.push(message),
    );
    socket.on('secagg-signature', (message: { clientIndex: number }) => signatures.push(message));
  });
  const seen: Seen[] = values.map((value, i) => ({
    clientId: `s${i}`,
    value,
    samples: samples[i],
    roundSeed: new Map(),
    index: new Map(),
    stagesSent: [],
    errors: [],
    roundEnds: [],
  }));
  const clients = seen.map((client, i) => {
    const federated = new FederatedClient({
      url,
      data: tinyDataset(client.samples),
      clientId: client.clientId,
      trainer: new ConstantTrainer(client.value),
      connect: wrapConnect?.(i),
      ...(typeof clientOptions === 'function' ? clientOptions(i) : clientOptions),
    });
    federated.on('round-start', ({ roundId, seed }) => client.roundSeed.set(roundId, seed));
    federated.on('secure-stage', ({ roundId, stage, clientIndex }) => {
      client.index.set(roundId, clientIndex);
      if (dropAt(client, roundId, stage)) return federated.stop();
      client.stagesSent.push({ roundId, stage });
    });
    federated.on('error', (error) => client.errors.push(error));
    federated.on('round-end', (message) => client.roundEnds.push(message));
    federated.on('disconnected', (reason) => client.errors.push(new Error(`disconnected: ${reason}`)));
    return federated;
  });
  const runs = clients.map((client) => client.run());
  expect(await coordinator.waitForClients(clients.length, 10_000)).toBe(true);
  const summary = await coordinator.run();
  const results: ClientRunSummary[] = await Promise.all(runs);
  await coordinator.close();
  // The initial model is the version-0 checkpoint run() wrote before the first round.
  const initial = (await store.checkpoint(0))?.weights;
  if (!initial) throw new Error('run() wrote no version-0 checkpoint');
  return {
    summary,
    results,
    seen,
    store,
    lines,
    masked,
    signatures,
    initial,
  };
}

/** The round's expected new model from the survivors' plain quantized inputs (no SecAgg involved). */
function expectedModel(initial: Float32Array, survivors: Seen[], roundId: string) {
  const xs = survivors.map((client) => {
    const roundSeed = client.roundSeed.get(roundId);
    if (roundSeed === undefined) throw new Error(`${client.clientId} saw no round-start for ${roundId}`);
    return plainSecureInput(
      {
        clientId: client.clientId,
        delta: new Float32Array(initial.length).fill(client.value),
        numSamples: client.samples,
        roundSeed,
      },
      SECURE.bits,
      SECURE.range,
      SECURE.weightCap,
    );
  });
  const levelSum = sumVectors(xs);
  const p = initial.length;
  const grid = fixedRangeLevels(SECURE.bits, SECURE.range);
  const weightStep = fixedRangeLevels(SECURE.bits, 0.5).step;
  // By hand, in float64: sum_k (offset + step * level) and sum_k w_k.
  const byHand = Float64Array.from(
    { length: p },
    (_, i) => initial[i] + (survivors.length * grid.offset + grid.step * levelSum[i]) / (weightStep * levelSum[p]),
  );
  // The same plain sum through the public decode + FedAvg step: the coordinator must match it bit for bit.
  const exact = new FedAvgStrategy().aggregateSum(
    initial,
    Float64Array.from(decodeLevelSum(levelSum.subarray(0, p), survivors.length, SECURE.bits, SECURE.range)),
    weightStep * levelSum[p],
  );
  return { xs, byHand, exact };
}

describe('secure aggregation over real sockets', () => {
  it.each([
    // Classic SecAgg (complete graph of 12, t = 6): one client vanishes before each of the five stage
    // messages; 7 revealers are left, each holding shares of the others (6 >= t).
    {
      graph: 'complete graph, n = 12, k = 11, t = 6',
      clients: 12,
      neighbours: 11,
      stages: SECURE_CLIENT_STAGES.length,
      seed: 31_337,
    },
    // SecAgg+ (k = 4, t = 3): one client vanishes before a seeded-random stage message.
    { graph: 'SecAgg+ graph, n = 10, k = 4, t = 3', clients: 10, neighbours: 4, stages: 1, seed: 20_407 },
  ])(
    "completes with seeded dropouts ($graph, seed $seed): the new model is exactly the plain FedAvg of the survivors' quantized updates",
    async ({ clients, neighbours, stages, seed }) => {
      const values = [-0.2, -0.15, -0.1, -0.05, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, -0.25].slice(0, clients);
      const samples = values.map((_, i) => 20 * (i + 1));
      // A fixed seed: the plan (who vanishes, before which stage) is the same on every run.
      const random = new SeededRandom(seed);
      const droppers = random.shuffle(values.map((_, i) => i)).slice(0, stages);
      const dropStages =
        stages === SECURE_CLIENT_STAGES.length
          ? [...SECURE_CLIENT_STAGES]
          : [SECURE_CLIENT_STAGES[random.nextInt(SECURE_CLIENT_STAGES.length)]];
      const plan = new Map<string, RoundStage>(droppers.map((client, k) => [`s${client}`, dropStages[k]] as const));
      const run = await secureRun(
        values,
        samples,
        { secure: { ...SECURE, neighbours } },
        (client, _roundId, stage) => plan.get(client.clientId) === stage,
      );
      const context = `seed ${seed}, plan ${JSON.stringify([...plan])}`;
      expect({ context, reason: run.summary.reason }).toEqual({ context, reason: 'completed' });
      const [record] = await run.store.rounds();
      // A client that vanished before Unmask had uploaded: its input is in the sum.
      const beforeUpload = [RoundStage.AdvertiseKeys, RoundStage.ShareKeys, RoundStage.MaskedInput];
      const survivors = run.seen.filter((client) => {
        const droppedBefore = plan.get(client.clientId);
        return droppedBefore === undefined || !beforeUpload.includes(droppedBefore);
      });
      expect({ context, record }).toMatchObject({
        context,
        record: {
          outcome: 'completed',
          selected: clients,
          participants: survivors.length,
          dropped: clients - survivors.length,
        },
      });
      const { byHand, exact } = expectedModel(run.initial, survivors, record.roundId);
      expect(Array.from(run.summary.weights)).toEqual(Array.from(exact));
      for (let i = 0; i < byHand.length; i++) expect(run.summary.weights[i]).toBeCloseTo(byHand[i], 5);
      expect(run.results.filter((r) => r.reason === 'left')).toHaveLength(stages);
      expect(
        run.seen.flatMap((client) => client.errors.filter((error) => !error.message.startsWith('disconnected'))),
      ).toEqual([]);
    },
  );

  it('with the consistency check (the default), a client that vanishes during it is still in the exact sum', async () => {
    const values = [-0.2, 0.1, 0.2, 0.3, -0.3, 0.05];
    const samples = [50, 150, 200, 30, 90, 120];
    // s3 uploads its masked input, is asked to sign the survivor set, and vanishes instead.
    const run = await secureRun(
      values,
      samples,
      {},
      (client, _roundId, stage) => client.clientId === 's3' && stage === RoundStage.ConsistencyCheck,
    );
    const [record] = await run.store.rounds();
    // Its masked input arrived: it counts as a participant, not a dropout (as an Unmask dropout does).
    expect(record).toMatchObject({ outcome: 'completed', selected: 6, participants: 6, dropped: 0 });
    const { exact } = expectedModel(run.initial, run.seen, record.roundId);
    expect(Array.from(run.summary.weights)).toEqual(Array.from(exact));
    expect(run.signatures.map((signature) => signature.clientIndex).sort()).toHaveLength(5);
    for (const client of run.seen) {
      const stages = client.stagesSent.map((sent) => sent.stage);
      expect({ client: client.clientId, stages }).toEqual({
        client: client.clientId,
        stages: client.clientId === 's3' ? SECURE_CLIENT_STAGES.slice(0, 3) : [...SECURE_CLIENT_STAGES],
      });
    }
    expect(
      run.lines.some((line) => line.includes('"stage":"consistency-check"') && line.includes('secure stage closed')),
    ).toBe(true);
    expect(
      run.seen.flatMap((client) => client.errors.filter((error) => !error.message.startsWith('disconnected'))),
    ).toEqual([]);
  });

  it('runs without the consistency check when the coordinator turns it off and the clients opt out (benchmarks)', async () => {
    const values = [0.1, -0.1, 0.2, 0.05];
    const run = await secureRun(
      values,
      [10, 20, 30, 40],
      { secure: { ...SECURE, consistencyCheck: false } },
      undefined,
      undefined,
      { requireConsistencyCheck: false },
    );
    const [record] = await run.store.rounds();
    expect(record).toMatchObject({ outcome: 'completed', participants: 4 });
    expect(Array.from(run.summary.weights)).toEqual(
      Array.from(expectedModel(run.initial, run.seen, record.roundId).exact),
    );
    expect(run.signatures).toEqual([]);
    expect(run.seen[0].stagesSent.map((sent) => sent.stage)).toEqual([
      RoundStage.AdvertiseKeys,
      RoundStage.ShareKeys,
      RoundStage.MaskedInput,
      RoundStage.Unmask,
    ]);
  });

  it('a client that opts out of requiring the check still runs it when the coordinator announces it', async () => {
    const run = await secureRun([0.1, -0.1, 0.2], [10, 20, 30], {}, undefined, undefined, {
      requireConsistencyCheck: false,
    });
    const [record] = await run.store.rounds();
    expect(record).toMatchObject({ outcome: 'completed', participants: 3 });
    expect(run.signatures).toHaveLength(3);
    expect(Array.from(run.summary.weights)).toEqual(
      Array.from(expectedModel(run.initial, run.seen, record.roundId).exact),
    );
  });

  it("refuses a forged survivor-set signature at the edge; the forger's input, already uploaded, stays in the exact sum", async () => {
    const values = [0.1, 0.2, 0.3, 0.4];
    const run = await secureRun(values, [10, 10, 10, 10], {}, undefined, (i) =>
      i !== 1
        ? undefined
        : (url, options) => {
            const socket = io(url, options);
            socket.onAnyOutgoing((event: string, message: { signature?: Uint8Array }) => {
              if (event === 'secagg-signature' && message.signature) message.signature[0] ^= 1;
            });
            return socket;
          },
    );
    const [record] = await run.store.rounds();
    expect(record).toMatchObject({ outcome: 'completed', participants: 4, rejected: 1 });
    expect(Array.from(run.summary.weights)).toEqual(
      Array.from(expectedModel(run.initial, run.seen, record.roundId).exact),
    );
    const forgerErrors = run.seen[1].errors as Array<Error & { code?: string }>;
    expect(forgerErrors.map((error) => error.code)).toContain(ErrorCode.SecAggViolation);
    expect(forgerErrors.map((error) => error.message).join('\n')).toMatch(
      /secagg-signature of client s1 refused: .*does not verify/,
    );
    expect(run.seen[1].stagesSent.map((sent) => sent.stage)).not.toContain(RoundStage.Unmask);
  });

  it('the coordinator stores and logs only masked vectors, and every masked upload looks uniform', async () => {
    const values = [-0.2, 0.1, 0.2, 0.3, -0.3, 0.05];
    const samples = [50, 150, 200, 30, 90, 120];
    // Each client's round secrets come from its own fixed seed, and the graph is complete (k = n - 1,
    // whatever the graph seed): every masked vector is the same on every run, so the chi-square
    // checks below have one outcome, not a 0.1% chance of a spurious failure each.
    const run = await secureRun(
      values,
      samples,
      { secure: { ...SECURE, neighbours: 5 } },
      undefined,
      undefined,
      (i) => ({
        secureRandomBytes: seededRandomBytes(`secure-aggregation.test s${i}`),
      }),
    );
    const [record] = await run.store.rounds();
    expect(record).toMatchObject({ outcome: 'completed', participants: 6 });
    const { xs } = expectedModel(run.initial, run.seen, record.roundId);
    const modulusBits = levelSumBits(SECURE.bits, 6);
    const checkpoints = await Promise.all(
      [0, 1].map(async (version) => {
        const checkpoint = await run.store.checkpoint(version);
        if (!checkpoint) throw new Error(`no checkpoint ${version}`);
        return checkpoint;
      }),
    );
    const visible = [
      run.lines.join('\n'),
      JSON.stringify(await run.store.rounds()),
      ...checkpoints.map((c) => hex(new Uint8Array(c.weights.buffer))),
    ].join('\n');
    for (const [k, client] of run.seen.entries()) {
      const delta = new Float32Array(run.initial.length).fill(client.value);
      expect(visible.includes(hex(packMaskedVector(xs[k], modulusBits)))).toBe(false);
      expect(visible.includes(hex(new Uint8Array(delta.buffer, 0, 64)))).toBe(false);
      expect(visible.includes(hex(Uint8Array.from(xs[k].subarray(0, 64))))).toBe(false);
    }
    expect(run.masked).toHaveLength(6);
    // Low and high 4 bits of each element, 16 bins: each masked vector passes, the input it hides does not.
    const low = (v: Uint32Array) => v.map((value) => value & 15);
    const high = (v: Uint32Array) => v.map((value) => value >>> (modulusBits - 4));
    for (const observed of run.masked) {
      const k = run.seen.findIndex((client) => client.index.get(record.roundId) === observed.clientIndex);
      const y = unpackMaskedVector(new Uint8Array(observed.maskedVector), modulusBits, run.initial.length + 1);
      const x = xs[k];
      const client = run.seen[k].clientId;
      expect({ client, low: chiSquare(low(y), 16) < CRITICAL_15_P001 }).toEqual({ client, low: true });
      expect({ client, high: chiSquare(high(y), 16) < CRITICAL_15_P001 }).toEqual({ client, high: true });
      expect({ client, input: chiSquare(high(x), 16) > CRITICAL_15_P001 }).toEqual({ client, input: true });
    }
  });

  it('below the threshold the attempt is abandoned before anything is unmasked, the survivor is told why, and the retry completes', async () => {
    let vanished = 0;
    // Cohorts of 3 (complete graph, t = 2): in the first attempt two members vanish before their masked input.
    const run = await secureRun(
      [0.1, 0.1, 0.1, 0.1, 0.1],
      [10, 10, 10, 10, 10],
      { clientsPerRound: 3, minReports: 2 },
      (_client, _roundId, stage) => {
        if (stage !== RoundStage.MaskedInput || vanished >= 2) return false;
        vanished++;
        return true;
      },
    );
    expect(run.summary).toMatchObject({ reason: 'completed', modelVersion: 1 });
    const [first, second] = await run.store.rounds();
    expect([first.outcome, second.outcome]).toEqual(['abandoned', 'completed']);
    expect(first.reason).toMatch(/masked inputs, a round needs t \+ 1 = 3 \(threshold t = 2/);
    expect(
      run.seen
        .flatMap((client) => client.stagesSent)
        .filter((sent) => sent.roundId === first.roundId && sent.stage === RoundStage.Unmask),
    ).toEqual([]);
    const told = run.seen.flatMap((client) => client.roundEnds).filter((end) => end.roundId === first.roundId);
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told.every((end) => end.outcome === 'abandoned' && /threshold/.test(end.reason ?? ''))).toBe(true);
    expect(second).toMatchObject({ participants: 3, dropped: 0 });
  });

  it('refuses a forged key advertisement at the edge and completes without the forger', async () => {
    const run = await secureRun([0.1, 0.2, 0.3, 0.4], [10, 10, 10, 10], {}, undefined, (i) =>
      i !== 2
        ? undefined
        : (url, options) => {
            const socket = io(url, options);
            // Flip one bit of the signature on its way out: a forgery over the wire.
            socket.onAnyOutgoing((event: string, message: { signature?: Uint8Array }) => {
              if (event === 'secagg-advertise' && message.signature) message.signature[0] ^= 1;
            });
            return socket;
          },
    );
    const [record] = await run.store.rounds();
    expect(record).toMatchObject({ outcome: 'completed', participants: 3, dropped: 1, rejected: 1 });
    const forgerErrors = run.seen[2].errors as Array<Error & { code?: string }>;
    expect(forgerErrors.map((error) => error.code)).toContain(ErrorCode.SecAggViolation);
    expect(forgerErrors.map((error) => error.message).join('\n')).toMatch(/does not verify against its identity key/);
    expect(run.lines.some((line) => line.includes('secagg-violation'))).toBe(true);
  });
});
