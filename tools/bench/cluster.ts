/**
 * Coordinator nodes on one Redis: the same N light clients held by 1 node, then spread over K
 * nodes (default 3), in one run, on loopback; rounds over them; a leader failover; secure rounds
 * across the K nodes with their unmasked sum checked exactly.
 *
 *   npm run bench:cluster -- [--json FILE] [--clients 10000] [--nodes 3] [--per-round 1000]
 *                            [--rounds 5] [--idle-ms 10000] [--in-flight 200] [--delay-ms 0]
 *                            [--secure-clients 60] [--secure-rounds 2] [--secure-processes 4] [--secure-only]
 *                            [--appendfsync always|everysec]
 *
 * Clients are the SDK's `FederatedClient` with the simulator's light trainer (a fixed delta,
 * no tfjs), in this process (the secure run's in `--secure-processes` child processes, their
 * events forwarded here: `ForkedFleet`); client i connects to node i mod K, at most `--in-flight` at a
 * time. Nodes run the CLI from its sources through tsx (the same fixed overhead in every node),
 * with the smallest reference model (343 parameters). Per plain configuration (1 node, then K):
 * - connect: wall time from the first socket until every client got its `welcome`;
 * - idle Redis bytes/s over `--idle-ms` with every client enrolled and no round (each node waits
 *   for one client more than the fleet; one more client then starts the run);
 * - rounds of `--per-round` reports (plain FedAvg, over-selection 1, the goal = every selected
 *   client): per round, from the first task any client received to the last `round-end` a cohort
 *   member received, p50/p95 over `--rounds` rounds; the leader's own round duration (round record);
 * - Redis bytes per round (RedisTrafficMeter: Redis's total_net_input/output_bytes, the meter's
 *   INFO calls subtracted), from one round's first `round-end` to the next;
 * - per-node peak RSS (/proc/<pid>/status VmHWM) and CPU seconds.
 * In the K-node configuration the run then goes on: once the next round's first task is out, the
 * leader gets SIGKILL; measured from the kill to a survivor's `took the leader lease` log line and
 * to the next committed round (a round-end heard by a client: the commit is written first).
 * Finally a secure run on K nodes (`--secure-clients` clients, every one selected; SecAgg+ with the
 * CLI's defaults): rounds complete and each committed model equals the FedAvg step of the sum of the
 * survivors' quantized inputs computed here without the client's or the coordinator's code
 * (`plainSecureInput`), bit for bit.
 */
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { FedAvgStrategy } from '@edgefl/aggregation';
import { RedisRoundStore, RedisTrafficMeter } from '@edgefl/coordinator-store/node';
import type { RedisTraffic } from '@edgefl/coordinator-store/node';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import { decodeLevelSum, secureWeightStep } from '@edgefl/quantization';
import { LIGHT_DELTA_VALUE, plainSecureInput, readOpenFileLimit, sumVectors } from '@edgefl/simulation';
import { readBenchFlags } from './bench-flags';
import { printTable, writeJsonRows } from './bench-output';
import { BenchFleet } from './cluster-fleet';
import type { HeardRoundEnd } from './cluster-fleet';
import { ForkedFleet } from './cluster-fleet-forks';
import { ClusterNodeProcess, TOOK_LEASE } from './cluster-node-process';
import { cpuSeconds, percentile } from './process-stats';

const benchStart = performance.now();
/** A progress line on stderr (the table and JSON come at the end). */
function progress(message: string): void {
  console.error(`[${((performance.now() - benchStart) / 1000).toFixed(1)} s] ${message}`);
}

/** The coordinator's default leader lease TTL (`CoordinatorClusterOptions.leaseTtlMs`; the CLI has no flag). */
const LEASE_TTL_MS = 6_000;
/** The smallest reference CNN: --input-size 8 --widths 2. */
const MODEL_PARAMS = 343;
/** Examples per light client: its sample count (and, in secure rounds, weight 8 / weight cap). */
const SAMPLES = 8;
/** The secure run's quantization (the CLI's defaults, spelled out: the exact check uses them). */
const SECURE = { bits: 8, range: 0.05, weightCap: 1000 };
/** The secure nodes' stage deadline and heartbeat timeout, ms. */
const SECURE_STAGE_TIMEOUT_MS = 600_000;
/** No single wait of the bench lasts longer (`--wait-ms`). */
let WAIT_MS = 600_000;

interface NodeResult {
  nodeId: string;
  clients: number;
  peakRssMiB: number;
  cpuSeconds: number;
}

interface RoundResult {
  round: number;
  roundId: string;
  /** First task received to the last round-end received (clients' clocks: this process). */
  ms: number;
  /** The leader's round record: its duration and participants. */
  leaderMs: number;
  participants: number;
  redis: RedisTraffic;
}

interface FailoverResult {
  leaseTtlMs: number;
  killedNode: string;
  round: number;
  killToLeaseMs: number;
  killToCommitMs: number;
  newLeader: string;
}

interface ConfigurationResult {
  nodes: number;
  clients: number;
  perRound: number;
  connectMs: number;
  clientsPerSecond: number;
  perNode: NodeResult[];
  maxNodePeakRssMiB: number;
  totalPeakRssMiB: number;
  redisConnect: RedisTraffic;
  redisConnectBytesPerClient: number;
  redisIdleBytesPerSecond: number;
  redisUsedMemoryBytes: number;
  rounds: RoundResult[];
  roundP50Ms: number;
  roundP95Ms: number;
  leaderP50Ms: number;
  /** Mean over the measured rounds after the first (the first also carries the run's start). */
  redisInPerRound: number;
  redisOutPerRound: number;
  failover?: FailoverResult;
}

interface SecureResult {
  nodes: number;
  clients: number;
  rounds: RoundResult[];
  roundP50Ms: number;
  roundP95Ms: number;
  redisInPerRound: number;
  redisOutPerRound: number;
  perNode: NodeResult[];
  /** Per committed round: survivors summed, and whether the model equals the plain oracle's bit for bit. */
  exact: Array<{ round: number; modelVersion: number; survivors: number; equal: boolean; differing: number }>;
}

/** Re-runs this script under a shell that raised `ulimit -n` when the clients would not fit. */
function ensureFileLimit(clients: number): void {
  const needed = clients + 512;
  const limit = readOpenFileLimit() ?? Number.POSITIVE_INFINITY;
  if (limit >= needed || process.env.EDGEFL_BENCH_ULIMIT_RAISED) {
    if (limit < needed)
      throw new Error(`needs ${needed} open files, ulimit -n is ${limit}: raise it or pass fewer --clients`);
    return;
  }
  const result = spawnSync(
    'bash',
    ['-c', `ulimit -n ${needed} && exec "$0" "$@"`, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, EDGEFL_BENCH_ULIMIT_RAISED: '1' } },
  );
  process.exit(result.status ?? 1);
}

/** The node flags every configuration shares; `run` holds the run's own. */
function nodeArgs(redisUrl: string, nodeId: string, clients: number, run: string[]): string[] {
  const caps = String(clients + 64);
  return [
    ...['--port', '0', '--redis', redisUrl, '--node-id', nodeId],
    ...['--input-size', '8', '--widths', '2', '--eval-dataset', 'none', '--backend', 'cpu', '--log-level', 'info'],
    ...['--round-timeout', '300000', '--retry-delay', '100'],
    ...run,
    // The whole fleet connects from one loopback address: lift the connection caps (defaults:
    // 10000 live, 512 pending, 128 pending per address) so this measures connecting, not the guards.
    ...['--max-connections', caps, '--max-pending', caps, '--max-pending-per-address', caps],
    // Every client proves its identity key from that one address, in a process whose event loop the
    // secure clients' crypto can hold for seconds: no enrollment deadline or auth-failure cap trips.
    ...['--enrollment-timeout', '300000', '--max-auth-failures', String(clients + 64)],
  ];
}

async function startNodes(count: number, args: (nodeId: string) => string[]): Promise<ClusterNodeProcess[]> {
  const nodes = Array.from({ length: count }, (_, i) => new ClusterNodeProcess(`node-${i}`, args(`node-${i}`)));
  try {
    await Promise.all(nodes.map((node) => node.ready));
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw error;
  }
  return nodes;
}

async function status(url: string): Promise<{ nodeId?: string; clientsConnected: number }> {
  const response = await fetch(`${url}/api/status`);
  return (await response.json()) as { nodeId?: string; clientsConnected: number };
}

async function freshRedis(redisUrl: string): Promise<{ admin: Redis; meter: RedisTrafficMeter }> {
  const admin = new Redis(redisUrl);
  // A fresh Redis for each configuration: no keys, no cached scripts.
  await admin.flushall();
  await admin.script('FLUSH');
  return { admin, meter: new RedisTrafficMeter(admin) };
}

function nodeResults(nodes: readonly ClusterNodeProcess[], fleet: BenchFleet, peaks: Map<string, NodeResult>) {
  for (const [i, node] of nodes.entries())
    if (node.running)
      peaks.set(node.nodeId, {
        nodeId: node.nodeId,
        clients: fleet.nodeOf.filter((n) => n === i).length,
        peakRssMiB: node.peakRssMiB(),
        cpuSeconds: cpuSeconds(node.pid),
      });
  return [...peaks.values()];
}

/**
 * Per measured round (completed, in order): client-side duration, the leader's record and the
 * Redis traffic from the previous snapshot (the one before the run started, then each round's
 * first round-end) to its own.
 */
async function roundResults(
  redisUrl: string,
  meter: RedisTrafficMeter,
  fleet: BenchFleet,
  measured: readonly HeardRoundEnd[],
  snapshots: Map<string, ReturnType<RedisTrafficMeter['snapshot']>>,
  start: ReturnType<RedisTrafficMeter['snapshot']>,
): Promise<RoundResult[]> {
  const store = await RedisRoundStore.connect(redisUrl);
  try {
    const records = (await store.rounds()).filter((record) => record.outcome === 'completed');
    let previous = await start;
    const results: RoundResult[] = [];
    for (const end of measured) {
      const snapshot = snapshots.get(end.roundId);
      if (!snapshot) throw new Error(`no Redis snapshot at the end of ${end.roundId}`);
      const taken = await snapshot;
      const record = records.find((r) => r.roundId === end.roundId);
      const first = fleet.firstTask.get(end.roundId);
      const last = fleet.lastEnd.get(end.roundId);
      if (!record || first === undefined || last === undefined)
        throw new Error(`round ${end.roundId}: no record, task or round-end seen`);
      results.push({
        round: end.round,
        roundId: end.roundId,
        ms: last - first,
        leaderMs: record.durationMs,
        participants: record.participants,
        redis: meter.between(previous, taken),
      });
      previous = taken;
    }
    return results;
  } finally {
    await store.close();
  }
}

function meanTraffic(rounds: readonly RoundResult[]): { inBytes: number; outBytes: number } {
  const steady = rounds.length > 1 ? rounds.slice(1) : rounds;
  return {
    inBytes: steady.reduce((n, r) => n + r.redis.inputBytes, 0) / steady.length,
    outBytes: steady.reduce((n, r) => n + r.redis.outputBytes, 0) / steady.length,
  };
}

interface PlainRun {
  nodes: number;
  clients: number;
  perRound: number;
  rounds: number;
  idleMs: number;
  inFlight: number;
  delayMs: number;
  failover: boolean;
}

async function runPlain(redisUrl: string, run: PlainRun): Promise<ConfigurationResult> {
  const { admin, meter } = await freshRedis(redisUrl);
  // The failover run goes two rounds further: the one the leader dies in, run again by its successor, and one more.
  const totalRounds = run.rounds + (run.failover ? 2 : 0);
  const nodes = await startNodes(run.nodes, (nodeId) =>
    nodeArgs(redisUrl, nodeId, run.clients + 1, [
      '--no-secure',
      ...['--rounds', String(totalRounds), '--per-round', String(run.perRound), '--over-selection', '1'],
      ...['--min-reports', String(run.perRound)],
      // No round starts until one client more than the fleet is there: the idle window first.
      ...['--wait-for-clients', String(run.clients + 1)],
    ]),
  );
  const urls = await Promise.all(nodes.map((node) => node.ready));
  progress(`${run.nodes} node(s) ready: connecting ${run.clients} clients`);
  const snapshots = new Map<string, ReturnType<RedisTrafficMeter['snapshot']>>();
  const fleet = new BenchFleet({
    secure: false,
    delayMs: run.delayMs,
    samples: SAMPLES,
    onRoundEnd: (end) => {
      if (end.outcome === 'completed') snapshots.set(end.roundId, meter.snapshot());
      progress(`round ${end.roundId} ${end.outcome}: ${end.participants} reports, v${end.modelVersion}`);
    },
  });
  const logs = (): string => nodes.map((node) => node.tail()).join('\n');
  const peaks = new Map<string, NodeResult>();
  try {
    const beforeConnect = await meter.snapshot();
    const started = performance.now();
    await fleet.connect(urls, run.clients, run.inFlight, 'light');
    const connectMs = performance.now() - started;
    progress(`connected in ${(connectMs / 1000).toFixed(1)} s; idle window`);
    const afterConnect = await meter.snapshot();
    await new Promise((done) => setTimeout(done, run.idleMs));
    const afterIdle = await meter.snapshot();
    const memory = /used_memory:(\d+)/.exec(await admin.info('memory'));
    for (const [i, url] of urls.entries()) {
      const seen = await status(url);
      const expected = fleet.nodeOf.filter((n) => n === i).length;
      if (seen.clientsConnected !== expected)
        throw new Error(`node-${i} counts ${seen.clientsConnected} clients, expected ${expected}`);
    }

    // One more client: the run starts.
    const start = meter.snapshot();
    await start;
    await fleet.add(urls[0], 0, 'light-start');
    const measured = await fleet.until(
      `${run.rounds} committed rounds`,
      WAIT_MS,
      () => {
        const done = fleet.completed().filter((end) => end.round <= run.rounds);
        return done.length >= run.rounds ? done : undefined;
      },
      logs,
    );
    let failover: FailoverResult | undefined;
    if (run.failover) {
      nodeResults(nodes, fleet, peaks);
      const leader = nodes.find((node) => node.loggedAt(TOOK_LEASE) !== undefined);
      if (!leader) throw new Error('no node took the leader lease');
      const killedRound = run.rounds + 1;
      // Mid-round: the next round's first task is out.
      await fleet.until(
        `round ${killedRound}'s first task`,
        WAIT_MS,
        () => ([...fleet.roundOf.values()].includes(killedRound) ? true : undefined),
        logs,
      );
      const killedAt = performance.now();
      leader.child.kill('SIGKILL');
      progress(`SIGKILL to the leader ${leader.nodeId} in round ${killedRound}`);
      await leader.exited;
      const survivors = nodes.filter((node) => node !== leader);
      const leaseAt = await Promise.race(
        survivors.map(async (node) => ({ node, at: await node.waitForLog(TOOK_LEASE) })),
      );
      const commit = await fleet.until(
        'the next committed round after the kill',
        WAIT_MS,
        () => fleet.completed().find((end) => end.at > killedAt),
        logs,
      );
      failover = {
        leaseTtlMs: LEASE_TTL_MS,
        killedNode: leader.nodeId,
        round: commit.round,
        killToLeaseMs: leaseAt.at - killedAt,
        killToCommitMs: commit.at - killedAt,
        newLeader: leaseAt.node.nodeId,
      };
      await fleet.until(
        'the run to finish on the surviving nodes',
        WAIT_MS,
        () => (fleet.completed().some((end) => end.round === totalRounds) ? true : undefined),
        logs,
      );
    }
    nodeResults(nodes, fleet, peaks);
    const rounds = await roundResults(redisUrl, meter, fleet, measured, snapshots, start);
    const perNode = [...peaks.values()];
    const traffic = meanTraffic(rounds);
    const redisConnect = meter.between(beforeConnect, afterConnect);
    const redisIdle = meter.between(afterConnect, afterIdle);
    return {
      nodes: run.nodes,
      clients: run.clients,
      perRound: run.perRound,
      connectMs,
      clientsPerSecond: run.clients / (connectMs / 1000),
      perNode,
      maxNodePeakRssMiB: Math.max(...perNode.map((n) => n.peakRssMiB)),
      totalPeakRssMiB: perNode.reduce((sum, n) => sum + n.peakRssMiB, 0),
      redisConnect,
      redisConnectBytesPerClient: (redisConnect.inputBytes + redisConnect.outputBytes) / run.clients,
      redisIdleBytesPerSecond: ((redisIdle.inputBytes + redisIdle.outputBytes) * 1000) / run.idleMs,
      redisUsedMemoryBytes: memory ? Number(memory[1]) : Number.NaN,
      rounds,
      ...roundPercentiles(rounds),
      leaderP50Ms: percentile(
        rounds.map((r) => r.leaderMs),
        50,
      ),
      redisInPerRound: traffic.inBytes,
      redisOutPerRound: traffic.outBytes,
      failover,
    };
  } finally {
    fleet.stop();
    await Promise.all(nodes.map((node) => node.stop()));
    admin.disconnect();
  }
}

/**
 * The new model a secure round must commit: FedAvg's step from `initial` with the sum of the
 * survivors' plain quantized inputs (`plainSecureInput`: the documented encoding, not the SDK's).
 */
function expectedSecureModel(initial: Float32Array, survivors: readonly string[], roundSeed: number): Float32Array {
  const delta = new Float32Array(initial.length).fill(LIGHT_DELTA_VALUE);
  const xs = survivors.map((clientId) =>
    plainSecureInput({ clientId, delta, numSamples: SAMPLES, roundSeed }, SECURE.bits, SECURE.range, SECURE.weightCap),
  );
  const levelSum = sumVectors(xs);
  const p = initial.length;
  return new FedAvgStrategy().aggregateSum(
    initial,
    Float64Array.from(decodeLevelSum(levelSum.subarray(0, p), survivors.length, SECURE.bits, SECURE.range)),
    secureWeightStep(SECURE.bits) * levelSum[p],
  );
}

async function runSecure(
  redisUrl: string,
  nodeCount: number,
  clients: number,
  roundCount: number,
  inFlight: number,
  delayMs: number,
  processes: number,
): Promise<SecureResult> {
  const { admin, meter } = await freshRedis(redisUrl);
  const nodes = await startNodes(nodeCount, (nodeId) =>
    nodeArgs(redisUrl, nodeId, clients, [
      ...['--secure', '--bits', String(SECURE.bits), '--clip-range', String(SECURE.range)],
      // 200 clients' pure-JS SecAgg+ crypto needs ~100 CPU-s per stage in all; on 2 shared cores a
      // fleet process can be busy for minutes before it answers a ping: slow, not stuck, so the
      // secure nodes wait (stage deadline and heartbeat) longer than the CLI's defaults.
      ...['--weight-cap', String(SECURE.weightCap), '--stage-timeout', String(SECURE_STAGE_TIMEOUT_MS)],
      ...['--round-timeout', String(4 * SECURE_STAGE_TIMEOUT_MS), '--ping-timeout', String(SECURE_STAGE_TIMEOUT_MS)],
      ...['--rounds', String(roundCount), '--per-round', String(clients), '--over-selection', '1'],
      ...['--min-reports', String(clients - Math.floor(clients / 10)), '--wait-for-clients', String(clients)],
    ]),
  );
  const urls = await Promise.all(nodes.map((node) => node.ready));
  progress(`${nodeCount} secure nodes ready: connecting ${clients} clients`);
  const snapshots = new Map<string, ReturnType<RedisTrafficMeter['snapshot']>>();
  const fleet = new BenchFleet({
    secure: true,
    delayMs,
    samples: SAMPLES,
    onRoundEnd: (end) => {
      if (end.outcome === 'completed') snapshots.set(end.roundId, meter.snapshot());
      progress(
        `secure round ${end.roundId} ${end.outcome}: ${end.participants} inputs, v${end.modelVersion}; ` +
          `connections lost so far: ${JSON.stringify(Object.fromEntries(fleet.disconnects))}; ` +
          `client errors: ${JSON.stringify(Object.fromEntries([...fleet.errorCounts].slice(0, 5)))}`,
      );
    },
  });
  const logs = (): string => nodes.map((node) => node.tail()).join('\n');
  const peaks = new Map<string, NodeResult>();
  // The clients' crypto runs in child processes (0: all in this one); `fleet` records their events.
  const forks = processes > 0 ? new ForkedFleet(fleet, processes) : undefined;
  const status = setInterval(
    () =>
      progress(
        `secure clients: connections lost ${JSON.stringify(Object.fromEntries(fleet.disconnects))}, ` +
          `errors ${JSON.stringify(Object.fromEntries([...fleet.errorCounts].slice(0, 5)))}`,
      ),
    20_000,
  );
  try {
    const start = meter.snapshot();
    await start;
    if (forks) await forks.connect(urls, clients, inFlight, 'secure', { secure: true, delayMs, samples: SAMPLES });
    else await fleet.connect(urls, clients, inFlight, 'secure');
    progress(
      `${clients} secure clients welcomed${forks ? ` (in ${Math.min(processes, clients)} child processes)` : ''}`,
    );
    const measured = await fleet.until(
      `${roundCount} committed secure rounds`,
      WAIT_MS,
      () => {
        const done = fleet.completed();
        return done.length >= roundCount ? done.slice(0, roundCount) : undefined;
      },
      logs,
    );
    nodeResults(nodes, fleet, peaks);
    const rounds = await roundResults(redisUrl, meter, fleet, measured, snapshots, start);
    const store = await RedisRoundStore.connect(redisUrl);
    const exact: SecureResult['exact'] = [];
    try {
      for (const end of measured) {
        const initial = (await store.checkpoint(end.modelVersion - 1))?.weights;
        const committed = (await store.checkpoint(end.modelVersion))?.weights;
        const roundSeed = fleet.roundSeed.get(end.roundId);
        const survivors = [...(fleet.maskedInputs.get(end.roundId) ?? [])].sort();
        if (!initial || !committed || roundSeed === undefined)
          throw new Error(`round ${end.roundId}: checkpoints or seed missing`);
        const record = rounds.find((r) => r.roundId === end.roundId);
        // Every client that sent its masked input is in the sum (no dropouts here): the record must say as many.
        if (record?.participants !== survivors.length)
          throw new Error(
            `round ${end.roundId}: ${survivors.length} clients sent a masked input, the record counts ${record?.participants}`,
          );
        const expected = expectedSecureModel(initial, survivors, roundSeed);
        const a = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
        const b = new Uint32Array(committed.buffer, committed.byteOffset, committed.length);
        const differing =
          a.length === b.length ? a.filter((bits, i) => bits !== b[i]).length : Math.max(a.length, b.length);
        exact.push({
          round: end.round,
          modelVersion: end.modelVersion,
          survivors: survivors.length,
          equal: differing === 0,
          differing,
        });
      }
    } finally {
      await store.close();
    }
    const traffic = meanTraffic(rounds);
    return {
      nodes: nodeCount,
      clients,
      rounds,
      ...roundPercentiles(rounds),
      redisInPerRound: traffic.inBytes,
      redisOutPerRound: traffic.outBytes,
      perNode: [...peaks.values()],
      exact,
    };
  } finally {
    clearInterval(status);
    fleet.stop();
    await forks?.stop();
    await Promise.all(nodes.map((node) => node.stop()));
    admin.disconnect();
  }
}

/** The plain part: 1 node, then `nodeCount` nodes (with the leader kill unless `failover` is false); prints their tables. */
async function runPlainConfigurations(
  redisUrl: string,
  common: Omit<PlainRun, 'nodes' | 'failover'>,
  nodeCount: number,
  failover: boolean,
  appendfsync: string,
): Promise<{ baseline: ConfigurationResult; cluster: ConfigurationResult; ratios: Record<string, number> }> {
  const { clients, perRound, rounds: roundCount } = common;
  const baseline = await runPlain(redisUrl, { ...common, nodes: 1, failover: false });
  const cluster = await runPlain(redisUrl, { ...common, nodes: nodeCount, failover: failover });
  printTable(
    `Coordinator nodes on one Redis (AOF, appendfsync ${appendfsync}): ${clients} light clients, plain rounds of ${perRound} reports (${MODEL_PARAMS}-parameter model), ${roundCount} rounds, loopback`,
    [
      'nodes',
      'connect s',
      'round p50',
      'round p95',
      'leader p50',
      'max node RSS',
      'sum node RSS',
      'redis in/rnd',
      'redis out/rnd',
      'B/enrollment',
      'idle B/s',
      'redis mem',
    ],
    [baseline, cluster].map((r) => [
      String(r.nodes),
      fmt(r.connectMs / 1000, 1),
      `${fmt(r.roundP50Ms)} ms`,
      `${fmt(r.roundP95Ms)} ms`,
      `${fmt(r.leaderP50Ms)} ms`,
      `${fmt(r.maxNodePeakRssMiB)} MiB`,
      `${fmt(r.totalPeakRssMiB)} MiB`,
      kib(r.redisInPerRound),
      kib(r.redisOutPerRound),
      fmt(r.redisConnectBytesPerClient),
      fmt(r.redisIdleBytesPerSecond),
      `${fmt(r.redisUsedMemoryBytes / 1024 / 1024, 1)} MiB`,
    ]),
    14,
  );
  for (const r of [baseline, cluster])
    console.log(
      `${r.nodes} node(s): ${r.perNode.map((n) => `${n.nodeId} ${n.clients} clients, peak RSS ${fmt(n.peakRssMiB)} MiB, CPU ${fmt(n.cpuSeconds, 1)} s`).join('; ')}; ` +
        `rounds ${r.rounds.map((x) => `${x.round}: ${fmt(x.ms)} ms (leader ${x.leaderMs}, ${x.participants} reports, Redis ${x.redis.inputBytes}/${x.redis.outputBytes} B)`).join(', ')}`,
    );
  const ratios = {
    connectTime: cluster.connectMs / baseline.connectMs,
    roundP50: cluster.roundP50Ms / baseline.roundP50Ms,
    roundP95: cluster.roundP95Ms / baseline.roundP95Ms,
    maxNodePeakRss: cluster.maxNodePeakRssMiB / baseline.maxNodePeakRssMiB,
    totalPeakRss: cluster.totalPeakRssMiB / baseline.totalPeakRssMiB,
    redisBytesPerRound:
      (cluster.redisInPerRound + cluster.redisOutPerRound) / (baseline.redisInPerRound + baseline.redisOutPerRound),
  };
  console.log(
    `ratios ${nodeCount} nodes vs 1: connect ${ratios.connectTime.toFixed(2)}x, round p50 ${ratios.roundP50.toFixed(2)}x, ` +
      `p95 ${ratios.roundP95.toFixed(2)}x, max node peak RSS ${ratios.maxNodePeakRss.toFixed(2)}x, ` +
      `sum of node peak RSS ${ratios.totalPeakRss.toFixed(2)}x, Redis bytes per round ${ratios.redisBytesPerRound.toFixed(2)}x`,
  );
  if (cluster.failover) {
    const f = cluster.failover;
    printTable(
      `Leader failover (${nodeCount} nodes, SIGKILL of the leader once round ${f.round}'s first task is out)`,
      ['lease TTL', 'kill->lease', 'kill->commit', 'round p50', 'new leader'],
      [
        [
          `${f.leaseTtlMs} ms`,
          `${fmt(f.killToLeaseMs)} ms`,
          `${fmt(f.killToCommitMs)} ms`,
          `${fmt(cluster.roundP50Ms)} ms`,
          f.newLeader,
        ],
      ],
      14,
    );
  }
  return { baseline, cluster, ratios };
}

function fmt(n: number, digits = 0): string {
  return n.toFixed(digits);
}

function kib(bytes: number): string {
  return `${fmt(bytes / 1024, 1)} KiB`;
}

async function main(): Promise<void> {
  const flags = readBenchFlags(
    'cluster',
    'Light clients across several coordinator nodes on one Redis against one node holding the same clients: connect, rounds, failover, secure rounds.',
    {
      clients: { kind: 'integer', min: 2, default: 10_000, help: 'light clients of the plain runs' },
      nodes: { kind: 'integer', min: 2, default: 3, help: 'coordinator nodes of the cluster configuration' },
      'per-round': { kind: 'integer', min: 1, default: 1000, help: 'reports per plain round (all selected clients)' },
      rounds: { kind: 'integer', min: 1, default: 5, help: 'plain rounds measured per configuration' },
      'idle-ms': {
        kind: 'integer',
        min: 1000,
        default: 10_000,
        help: 'idle time measured after connecting (Redis bytes/s)',
      },
      'in-flight': { kind: 'integer', min: 1, default: 200, help: 'connections opened concurrently' },
      'delay-ms': { kind: 'integer', min: 0, default: 0, help: "each light client's training time in ms" },
      'secure-clients': {
        kind: 'integer',
        min: 0,
        default: 60,
        help: 'clients of the secure run on the K nodes (0: none)',
      },
      'secure-processes': {
        kind: 'integer',
        min: 0,
        default: 4,
        help: 'child processes holding the secure clients (client i in child i mod N; 0: all in this process, whose one event loop their crypto starves at 200 clients)',
      },
      'secure-only': { kind: 'boolean', help: 'skip the plain runs and the failover: only the secure run' },
      'secure-rounds': { kind: 'integer', min: 1, default: 2, help: 'rounds of the secure run' },
      'no-failover': { kind: 'boolean', help: 'skip the leader kill' },
      'wait-ms': { kind: 'integer', min: 1000, default: 600_000, help: 'longest wait for one step (rounds, failover)' },
      appendfsync: {
        kind: 'choice',
        values: ['always', 'everysec'],
        default: 'always',
        help: "redis-server's appendfsync",
      },
    },
  );
  const { clients, nodes: nodeCount, rounds: roundCount } = flags;
  WAIT_MS = flags['wait-ms'];
  const perRound = flags['per-round'];
  if (perRound > clients) throw new RangeError('--per-round must not exceed --clients');
  const secureClients = flags['secure-clients'];
  const appendfsync = flags.appendfsync as 'always' | 'everysec';
  ensureFileLimit(clients + secureClients);
  const redis = await startRedisTestServer({ appendfsync });
  try {
    const common = {
      clients,
      perRound,
      rounds: roundCount,
      idleMs: flags['idle-ms'],
      inFlight: flags['in-flight'],
      delayMs: flags['delay-ms'],
    };
    const plain = flags['secure-only']
      ? undefined
      : await runPlainConfigurations(redis.url, common, nodeCount, !flags['no-failover'], appendfsync);
    // The plain figures are out before the secure run starts: a failure there does not lose them.
    let secure: SecureResult | undefined;
    let secureError: string | undefined;
    if (secureClients > 0) {
      try {
        secure = await runSecure(
          redis.url,
          nodeCount,
          secureClients,
          flags['secure-rounds'],
          flags['in-flight'],
          flags['delay-ms'],
          flags['secure-processes'],
        );
      } catch (error) {
        secureError = (error as Error).message;
        console.error(`secure run failed: ${secureError}`);
      }
    }
    if (secure) {
      printTable(
        `Secure rounds across ${secure.nodes} nodes: ${secure.clients} light clients, all selected (SecAgg+, ${SECURE.bits} bits, range ${SECURE.range})`,
        ['rounds', 'round p50', 'round p95', 'redis in/rnd', 'redis out/rnd', 'max node RSS', 'exact sums'],
        [
          [
            String(secure.rounds.length),
            `${fmt(secure.roundP50Ms)} ms`,
            `${fmt(secure.roundP95Ms)} ms`,
            kib(secure.redisInPerRound),
            kib(secure.redisOutPerRound),
            `${fmt(Math.max(...secure.perNode.map((n) => n.peakRssMiB)))} MiB`,
            `${secure.exact.filter((e) => e.equal).length}/${secure.exact.length}`,
          ],
        ],
        14,
      );
      console.log(
        `secure rounds: ${secure.exact.map((e) => `${e.round}: v${e.modelVersion}, ${e.survivors} inputs summed, ${e.equal ? 'equal bit for bit' : `${e.differing} values differ`}`).join('; ')}`,
      );
    }
    writeJsonRows(flags.json, {
      bench: 'cluster',
      clients,
      nodes: nodeCount,
      perRound,
      rounds: roundCount,
      modelParams: MODEL_PARAMS,
      appendfsync,
      baseline: plain?.baseline,
      cluster: plain?.cluster,
      ratios: plain?.ratios,
      secure,
      secureError,
    });
    if (secureError !== undefined) throw new Error(`the secure run failed: ${secureError}`);
    if (secure && secure.exact.some((e) => !e.equal))
      throw new Error('a secure round committed a model other than the exact sum');
  } finally {
    await redis.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});

/** Round time p50 and p95 of the measured rounds. */
function roundPercentiles(rounds: ReadonlyArray<{ ms: number }>): { roundP50Ms: number; roundP95Ms: number } {
  const times = rounds.map((r) => r.ms);
  return { roundP50Ms: percentile(times, 50), roundP95Ms: percentile(times, 95) };
}
