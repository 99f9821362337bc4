/**
 * Coordinator nodes on one Redis: the same N light clients held by 1 node, then spread over K
 * nodes (default 3), in one run, on loopback.
 *
 *   npm run bench:cluster -- [--json FILE] [--clients 10000] [--nodes 3] [--idle-ms 10000]
 *                            [--in-flight 200] [--appendfsync always|everysec]
 *                            [--round-clients 100] [--round-reports 50] [--rounds 3]
 *
 * A light client is one socket.io-client connection (WebSocket) that enrolls: it sends `hello`
 * and waits for its `welcome` (open enrollment; each node records its clients in the registry in
 * Redis). All clients live in this process; client i connects to node i mod K, at most
 * `--in-flight` handshakes at a time. Per configuration:
 * - connect: wall time from the first socket opened until every client got its welcome;
 * - per-node peak RSS: the kernel's high-water mark (/proc/<pid>/status VmHWM) of each node
 *   process at the end (nodes run the CLI from its sources through tsx, as the e2e tests do: the
 *   same fixed overhead in every node);
 * - Redis bytes (RedisTrafficMeter: Redis's own total_net_input/output_bytes, the meter's INFO
 *   calls subtracted) while the clients connect and enroll, and over an idle window afterwards
 *   (adapter heartbeats and stream reads, node registrations: what K nodes cost with nothing to do);
 * - Redis used_memory once every client is enrolled.
 * No round runs there: the round loop is not cluster-aware yet (docs/SCALING.md), so every node
 * waits for more clients than exist. Ratios compare K nodes with the 1-node baseline of the same run.
 *
 * Then Redis bytes per round with today's loop on one node: `--round-clients` SDK clients (the
 * simulator's light trainer) and plain rounds of `--round-reports` reports of the reference model
 * (16,419 parameters), measured from one round-end to the next over `--rounds` rounds.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { FederatedClient } from '@edgefl/client';
import type { Socket } from 'socket.io-client';
import { RedisTrafficMeter } from '@edgefl/coordinator-store/node';
import type { RedisTraffic } from '@edgefl/coordinator-store/node';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import { PROTOCOL_VERSION } from '@edgefl/protocol';
import type { LocalDataset } from '@edgefl/runtime';
import { LightTrainer, readOpenFileLimit } from '@edgefl/simulation';
import { readBenchFlags } from './bench-flags';
import { printTable, writeJsonRows } from './bench-output';

const ROOT = resolve(__dirname, '../..');
const CLI = ['--require', 'tsx/cjs', join(ROOT, 'apps/coordinator/src/main.ts')];

interface NodeResult {
  nodeId: string;
  clients: number;
  peakRssMiB: number;
}

interface ClusterResult {
  nodes: number;
  clients: number;
  connectMs: number;
  clientsPerSecond: number;
  perNode: NodeResult[];
  maxNodePeakRssMiB: number;
  totalPeakRssMiB: number;
  /** Redis traffic while the clients connected and enrolled. */
  redisConnect: RedisTraffic;
  redisConnectBytesPerClient: number;
  /** Redis traffic over the idle window, per second. */
  redisIdle: RedisTraffic;
  idleMs: number;
  redisIdleBytesPerSecond: number;
  redisUsedMemoryBytes: number;
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

/** The kernel's peak resident set of a process (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** One coordinator node: the CLI from its sources, resolved once its `ready` line names its URL. */
function startNode(
  redisUrl: string,
  nodeId: string,
  clients: number,
  run: string[] = [
    ...['--input-size', '8', '--widths', '2', '--rounds', '1', '--per-round', '10', '--min-reports', '10'],
    // No round starts: every node waits for more clients than the bench brings.
    ...['--wait-for-clients', String(clients + 1)],
  ],
): Promise<{ child: ChildProcess; url: string }> {
  const caps = String(clients + 64);
  const args = [
    ...CLI,
    ...['--port', '0', '--redis', redisUrl, '--node-id', nodeId],
    ...['--eval-dataset', 'none', '--no-secure', '--backend', 'cpu', '--log-level', 'info'],
    ...run,
    // The whole fleet connects from one loopback address: lift the connection caps (defaults:
    // 10000 live, 512 pending, 128 pending per address) so this measures connecting, not the guards.
    ...['--max-connections', caps, '--max-pending', caps, '--max-pending-per-address', caps],
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        log += `${line}\n`;
        if (!line.startsWith('{')) continue;
        const record = JSON.parse(line) as { msg?: string; url?: string };
        if (record.msg === 'ready' && record.url) resolvePromise({ child, url: record.url });
      }
    });
    child.once('exit', (code) => reject(new Error(`node ${nodeId} exited with ${code} before it was ready:\n${log}`)));
  });
}

async function stopNode(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Opens `count` light clients, client i on `urls[i % urls.length]`, at most `inFlight` handshakes at a time. */
async function connectClients(urls: string[], count: number, inFlight: number, sockets: Socket[]): Promise<void> {
  let next = 0;
  const enrollOne = async (i: number): Promise<void> => {
    const socket = io(urls[i % urls.length], { transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((done, fail) => {
      socket.once('connect', () => done());
      socket.once('connect_error', (error: Error) => fail(new Error(`client ${i}: ${error.message}`)));
    });
    const reply = (await socket.timeout(120_000).emitWithAck('hello', {
      type: 'hello',
      protocolVersions: [PROTOCOL_VERSION],
      clientId: `light-${i}`,
      agent: { sdk: 'bench-cluster' },
    })) as { type?: string; message?: string };
    if (reply?.type !== 'welcome') throw new Error(`client ${i} was not welcomed: ${JSON.stringify(reply)}`);
  };
  const lane = async (): Promise<void> => {
    while (next < count) await enrollOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

async function status(url: string): Promise<{ nodeId?: string; clientsConnected: number }> {
  const response = await fetch(`${url}/api/status`);
  return (await response.json()) as { nodeId?: string; clientsConnected: number };
}

async function runConfiguration(
  redisUrl: string,
  nodeCount: number,
  clients: number,
  idleMs: number,
  inFlight: number,
): Promise<ClusterResult> {
  const admin = new Redis(redisUrl);
  // A fresh Redis for each configuration: no keys, no cached scripts.
  await admin.flushall();
  await admin.script('FLUSH');
  const meter = new RedisTrafficMeter(admin);
  const nodes = await Promise.all(
    Array.from({ length: nodeCount }, (_, i) => startNode(redisUrl, `node-${i}`, clients)),
  );
  const urls = nodes.map((node) => node.url);
  const sockets: Socket[] = [];
  try {
    const beforeConnect = await meter.snapshot();
    const started = performance.now();
    await connectClients(urls, clients, inFlight, sockets);
    const connectMs = performance.now() - started;
    const afterConnect = await meter.snapshot();
    await new Promise((done) => setTimeout(done, idleMs));
    const afterIdle = await meter.snapshot();
    const memory = /used_memory:(\d+)/.exec(await admin.info('memory'));
    const perNode: NodeResult[] = [];
    for (const [i, node] of nodes.entries()) {
      const seen = await status(node.url);
      const expected = Math.floor(clients / nodeCount) + (i < clients % nodeCount ? 1 : 0);
      if (seen.clientsConnected !== expected)
        throw new Error(`node-${i} counts ${seen.clientsConnected} clients, expected ${expected}`);
      perNode.push({
        nodeId: seen.nodeId ?? `node-${i}`,
        clients: seen.clientsConnected,
        peakRssMiB: peakRssMiB(node.child.pid ?? 0),
      });
    }
    const redisConnect = meter.between(beforeConnect, afterConnect);
    const redisIdle = meter.between(afterConnect, afterIdle);
    return {
      nodes: nodeCount,
      clients,
      connectMs,
      clientsPerSecond: clients / (connectMs / 1000),
      perNode,
      maxNodePeakRssMiB: Math.max(...perNode.map((n) => n.peakRssMiB)),
      totalPeakRssMiB: perNode.reduce((sum, n) => sum + n.peakRssMiB, 0),
      redisConnect,
      redisConnectBytesPerClient: (redisConnect.inputBytes + redisConnect.outputBytes) / clients,
      redisIdle,
      idleMs,
      redisIdleBytesPerSecond: ((redisIdle.inputBytes + redisIdle.outputBytes) * 1000) / idleMs,
      redisUsedMemoryBytes: memory ? Number(memory[1]) : Number.NaN,
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(nodes.map((node) => stopNode(node.child)));
    admin.disconnect();
  }
}

interface RoundTrafficResult {
  clients: number;
  reportsPerRound: number;
  /** Rounds measured: from one round-end to the next. */
  rounds: number;
  modelParams: number;
  /** Per round: Redis traffic from the previous round's end to this one's. */
  perRound: RedisTraffic[];
  meanInputBytes: number;
  meanOutputBytes: number;
}

/** The reference model's parameter count (--input-size 28 --widths 16,32). */
const REFERENCE_MODEL_PARAMS = 16_419;

function referenceData(count: number): LocalDataset {
  return {
    images: new Float32Array(count * 784),
    labels: new Uint8Array(count),
    shape: [28, 28, 1],
    classes: 10,
    count,
  };
}

/**
 * Redis bytes per round with today's loop: one node, plain rounds of the reference model, SDK clients
 * with the simulator's light trainer. Snapshots at each round-end a client hears (the round's commit
 * is written before round-end is sent), so each interval holds exactly one round's Redis traffic.
 */
async function measureRoundTraffic(
  redisUrl: string,
  clients: number,
  perRound: number,
  rounds: number,
): Promise<RoundTrafficResult> {
  const admin = new Redis(redisUrl);
  await admin.flushall();
  await admin.script('FLUSH');
  const meter = new RedisTrafficMeter(admin);
  const node = await startNode(redisUrl, 'round-node', clients, [
    ...['--rounds', String(rounds + 1), '--per-round', String(perRound), '--over-selection', '1'],
    ...['--min-reports', String(perRound), '--round-timeout', '60000', '--retry-delay', '100'],
    ...['--wait-for-clients', String(clients)],
  ]);
  const fleet: FederatedClient[] = [];
  const snapshots: Array<Promise<Awaited<ReturnType<RedisTrafficMeter['snapshot']>>>> = [];
  const seenEnds = new Set<string>();
  try {
    for (let i = 0; i < clients; i++) {
      const client = new FederatedClient({
        url: node.url,
        data: referenceData(8),
        clientId: `round-${i}`,
        trainer: new LightTrainer(20),
        ackTimeoutMs: 120_000,
      });
      client.on('round-end', ({ roundId }) => {
        if (seenEnds.has(roundId)) return;
        seenEnds.add(roundId);
        snapshots.push(meter.snapshot());
      });
      client.on('error', () => undefined);
      fleet.push(client);
    }
    await Promise.all(fleet.map((client) => client.run()));
    const taken = await Promise.all(snapshots);
    if (taken.length !== rounds + 1) throw new Error(`expected ${rounds + 1} round ends, saw ${taken.length}`);
    const perRoundTraffic = taken.slice(1).map((after, i) => meter.between(taken[i], after));
    return {
      clients,
      reportsPerRound: perRound,
      rounds,
      modelParams: REFERENCE_MODEL_PARAMS,
      perRound: perRoundTraffic,
      meanInputBytes: perRoundTraffic.reduce((n, t) => n + t.inputBytes, 0) / rounds,
      meanOutputBytes: perRoundTraffic.reduce((n, t) => n + t.outputBytes, 0) / rounds,
    };
  } finally {
    for (const client of fleet) client.stop();
    await stopNode(node.child);
    admin.disconnect();
  }
}

async function main(): Promise<void> {
  const flags = readBenchFlags(
    'cluster',
    'Light clients connected across several coordinator nodes on one Redis, against one node holding the same clients.',
    {
      clients: { kind: 'integer', min: 1, default: 10_000, help: 'light clients to connect' },
      nodes: { kind: 'integer', min: 2, default: 3, help: 'coordinator nodes of the cluster configuration' },
      'idle-ms': {
        kind: 'integer',
        min: 1000,
        default: 10_000,
        help: 'idle time measured after connecting (Redis bytes/s)',
      },
      'in-flight': { kind: 'integer', min: 1, default: 200, help: 'connections opened concurrently' },
      appendfsync: {
        kind: 'choice',
        values: ['always', 'everysec'],
        default: 'always',
        help: "redis-server's appendfsync",
      },
      'round-clients': { kind: 'integer', min: 1, default: 100, help: 'clients of the round-traffic measurement' },
      'round-reports': { kind: 'integer', min: 1, default: 50, help: 'reports per round of that measurement' },
      rounds: { kind: 'integer', min: 1, default: 3, help: 'rounds of that measurement' },
    },
  );
  const { clients, nodes: nodeCount, rounds: roundCount } = flags;
  const idleMs = flags['idle-ms'];
  const inFlight = flags['in-flight'];
  const appendfsync = flags.appendfsync as 'always' | 'everysec';
  const roundClients = flags['round-clients'];
  const roundReports = flags['round-reports'];
  ensureFileLimit(clients);
  const redis = await startRedisTestServer({ appendfsync });
  try {
    const baseline = await runConfiguration(redis.url, 1, clients, idleMs, inFlight);
    const cluster = await runConfiguration(redis.url, nodeCount, clients, idleMs, inFlight);
    const fmt = (n: number, digits = 0): string => n.toFixed(digits);
    const kib = (bytes: number): string => `${fmt(bytes / 1024)} KiB`;
    printTable(
      `Coordinator nodes on one Redis (AOF, appendfsync ${appendfsync}): ${clients} light clients (WebSocket + hello/welcome, open enrollment), loopback`,
      [
        'nodes',
        'connect ms',
        'clients/s',
        'max node RSS',
        'sum node RSS',
        'redis in',
        'redis out',
        'B/client',
        'idle B/s',
        'redis mem',
      ],
      [baseline, cluster].map((r) => [
        String(r.nodes),
        fmt(r.connectMs),
        fmt(r.clientsPerSecond),
        `${fmt(r.maxNodePeakRssMiB)} MiB`,
        `${fmt(r.totalPeakRssMiB)} MiB`,
        kib(r.redisConnect.inputBytes),
        kib(r.redisConnect.outputBytes),
        fmt(r.redisConnectBytesPerClient),
        fmt(r.redisIdleBytesPerSecond),
        `${fmt(r.redisUsedMemoryBytes / 1024 / 1024, 1)} MiB`,
      ]),
      14,
    );
    for (const r of [baseline, cluster])
      console.log(
        `${r.nodes} node(s): ${r.perNode.map((n) => `${n.nodeId} ${n.clients} clients, peak RSS ${fmt(n.peakRssMiB)} MiB`).join('; ')}`,
      );
    const ratios = {
      connectTime: cluster.connectMs / baseline.connectMs,
      maxNodePeakRss: cluster.maxNodePeakRssMiB / baseline.maxNodePeakRssMiB,
      totalPeakRss: cluster.totalPeakRssMiB / baseline.totalPeakRssMiB,
      redisConnectBytes:
        (cluster.redisConnect.inputBytes + cluster.redisConnect.outputBytes) /
        (baseline.redisConnect.inputBytes + baseline.redisConnect.outputBytes),
      // null when the baseline's idle window saw no traffic at all (a window shorter than the 5 s heartbeat).
      redisIdleBytesPerSecond:
        baseline.redisIdleBytesPerSecond > 0
          ? cluster.redisIdleBytesPerSecond / baseline.redisIdleBytesPerSecond
          : null,
    };
    console.log(
      `ratios ${nodeCount} nodes vs 1: connect ${ratios.connectTime.toFixed(2)}x, max node peak RSS ${ratios.maxNodePeakRss.toFixed(2)}x, ` +
        `sum of node peak RSS ${ratios.totalPeakRss.toFixed(2)}x, Redis bytes while connecting ${ratios.redisConnectBytes.toFixed(2)}x, ` +
        `idle Redis bytes/s ${ratios.redisIdleBytesPerSecond === null ? 'n/a' : `${ratios.redisIdleBytesPerSecond.toFixed(2)}x`}`,
    );
    console.log(
      `Redis commands while connecting (1 node): ${baseline.redisConnect.calls
        .slice(0, 8)
        .map((c) => `${c.command} ${c.calls}`)
        .join(', ')}; (${nodeCount} nodes): ${cluster.redisConnect.calls
        .slice(0, 6)
        .map((c) => `${c.command} ${c.calls}`)
        .join(', ')}; idle: ${cluster.redisIdle.calls
        .slice(0, 6)
        .map((c) => `${c.command} ${c.calls}`)
        .join(', ')}`,
    );
    if (roundReports > roundClients) throw new RangeError('--round-reports must not exceed --round-clients');
    const roundTraffic = await measureRoundTraffic(redis.url, roundClients, roundReports, roundCount);
    printTable(
      `Redis bytes per round, today's loop on 1 node: plain rounds of ${roundReports} reports (${roundClients} SDK clients, light trainer), ${REFERENCE_MODEL_PARAMS} parameters`,
      ['round', 'redis in', 'redis out', 'commands'],
      roundTraffic.perRound.map((t, i) => [
        String(i + 2),
        `${t.inputBytes} B`,
        `${t.outputBytes} B`,
        String(t.commands),
      ]),
      14,
    );
    console.log(
      `mean per round: ${fmt(roundTraffic.meanInputBytes)} B in, ${fmt(roundTraffic.meanOutputBytes)} B out ` +
        `(the float32 checkpoint alone is ${REFERENCE_MODEL_PARAMS * 4} B); commands in a round: ` +
        roundTraffic.perRound[0].calls.map((c) => `${c.command} ${c.calls}`).join(', '),
    );
    writeJsonRows(flags.json, {
      bench: 'cluster',
      clients,
      nodes: nodeCount,
      idleMs,
      inFlight,
      appendfsync,
      baseline,
      cluster,
      ratios,
      roundTraffic,
    });
  } finally {
    await redis.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
