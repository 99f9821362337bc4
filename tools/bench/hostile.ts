/**
 * The coordinator under a hostile network (issue 15): honest rounds per second and `/healthz`
 * latency while one flood at a time runs, against the same coordinator without attack.
 *
 *   npx tsx tools/bench/hostile.ts [--json FILE] [--phase-ms 4000] [--clients 3] [--delay-ms 100]
 *                                  [--storm 2000] [--viewers 500] [--slowloris 500]
 *
 * One coordinator CLI child process (plain rounds, the 343-parameter model, default edge limits)
 * serves `--clients` honest light clients for the whole bench. Phases, each `--phase-ms` long:
 * - baseline: no attack, measured before and after every attack phase; an attack's ratio is
 *   against the mean of the two baselines around it (the machine's load drifts between phases);
 * - connect-packets: unauthenticated sockets, one after the other, each opening with a 1 MiB auth payload;
 * - parse-bomb: one connection at a time sending an 8 MiB text frame of nested arrays (the
 *   coordinator closes it; the attacker reconnects and sends the next);
 * - socket-storm: `--storm` silent sockets (namespace joined, pings answered) opened 100 at a
 *   time, held;
 * - dashboard-viewers: `--viewers` dashboard subscribers, opened and held the same way;
 * - slowloris: `--slowloris` TCP connections trickling the headers of one HTTP request.
 * Per phase: completed honest rounds per second (round-end events seen by a client), `/healthz`
 * p50/p99 (one request at a time, every 20 ms), the coordinator's peak RSS (/proc, every 50 ms),
 * the coordinator's CPU use, and what the attacker got (connections let in, refused, closed by
 * the coordinator). Each attack runs in its own process (this script with `--attack NAME --url
 * URL`) over raw Engine.IO WebSockets (`ws`), so building floods does not slow the honest
 * clients' event loop. Loopback only.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import { cpus, loadavg } from 'node:os';
import type { Socket as NetSocket } from 'node:net';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { FlagReader } from '@edgefl/cli-flags';
import { FederatedClient } from '@edgefl/client';
import type { LocalDataset } from '@edgefl/runtime';
import { LightTrainer } from '@edgefl/simulation';
import { benchOption, printTable, writeJsonRows } from './bench-output';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'apps/coordinator/bin/edgefl-coordinator.cjs');

type PhaseName = 'baseline' | 'connect-packets' | 'parse-bomb' | 'socket-storm' | 'dashboard-viewers' | 'slowloris';

interface PhaseResult {
  phase: PhaseName;
  seconds: number;
  rounds: number;
  roundsPerSecond: number;
  healthzRequests: number;
  healthzP50Ms: number;
  healthzP99Ms: number;
  peakRssMiB: number;
  /** CPU time the coordinator process used per second of the phase (1.0 = one core busy). */
  coordinatorCpu: number;
  attacker: { opened: number; refused: number; closedByServer: number };
}

/** What an attack reports when it stops. */
interface AttackTally {
  opened: number;
  refused: number;
  closedByServer: number;
}

type Attack = (url: string, stop: AbortSignal) => Promise<AttackTally>;

function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds the process has used (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) {
      done();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      done();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function startCoordinator(): Promise<{ child: ChildProcess; url: string }> {
  const args = [
    CLI,
    ...[
      '--port',
      '0',
      '--rounds',
      '1000000',
      '--per-round',
      '3',
      '--over-selection',
      '1',
      '--min-reports',
      '3',
      '--no-secure',
    ],
    ...[
      '--input-size',
      '8',
      '--widths',
      '2',
      '--eval-dataset',
      'none',
      '--round-timeout',
      '10000',
      '--retry-delay',
      '100',
    ],
    // Info, as an operator runs it: every refusal is logged, and logging is part of the cost.
    ...['--backend', 'cpu', '--log-level', 'info'],
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolvePromise, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (!line.startsWith('{')) continue;
        const record = JSON.parse(line) as { msg?: string; url?: string };
        if (record.msg === 'ready' && record.url) resolvePromise(record.url);
      }
      if (buffer.length > 1 << 20) buffer = '';
    });
    child.once('exit', (code) => reject(new Error(`coordinator exited with ${code} before it was ready`)));
  });
  return { child, url };
}

function healthz(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((done) => {
    const request = get(`${url}/healthz`, { agent: false, timeout: 10_000 }, (response) => {
      response.resume();
      response.once('end', () => done(performance.now() - started));
    });
    request.once('error', () => done(performance.now() - started));
    request.once('timeout', () => request.destroy());
  });
}

/**
 * Opens a raw Engine.IO WebSocket (the `ws` library: far cheaper per socket than socket.io-client,
 * so the attacker process stays light) and sends `firstFrame` once the server's open packet
 * arrived. Resolves `true` when it was let in, `false` when the handshake was refused.
 */
function rawEngineSocket(
  url: string,
  firstFrame: string | undefined,
): Promise<{ socket: WebSocket; connected: boolean }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    perMessageDeflate: false,
  });
  return new Promise((done) => {
    socket.once('message', (data) => {
      if (String(data).startsWith('0') && firstFrame !== undefined) socket.send(firstFrame);
      done({ socket, connected: true });
    });
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      socket.terminate();
      done({ socket, connected: false });
    });
    socket.on('error', () => done({ socket, connected: false }));
    socket.once('close', () => done({ socket, connected: false }));
  });
}

/** Answers Engine.IO pings, as a live client does, so held sockets are not dropped for silence. */
function answerPings(socket: WebSocket): void {
  socket.on('message', (data) => {
    if (String(data) === '2') socket.send('3');
  });
}

function closedByPeer(socket: WebSocket): Promise<void> {
  return new Promise((done) => {
    if (socket.readyState === WebSocket.CLOSED) done();
    else socket.once('close', () => done());
  });
}

/** One connection at a time, each opening with a 1 MiB auth payload in its CONNECT packet. */
const connectPackets: Attack = async (url, stop) => {
  const tally: AttackTally = { opened: 0, refused: 0, closedByServer: 0 };
  const frame = `40${JSON.stringify({ pad: 'A'.repeat(1 << 20) })}`;
  while (!stop.aborted) {
    const { socket, connected } = await rawEngineSocket(url, frame);
    tally.opened++;
    if (!connected) {
      tally.refused++;
      await sleep(20, stop);
      continue;
    }
    await Promise.race([closedByPeer(socket).then(() => tally.closedByServer++), sleep(2_000, stop)]);
    socket.terminate();
  }
  return tally;
};

/** One connection at a time, each sending an 8 MiB text frame of nested arrays after connecting. */
const parseBomb: Attack = async (url, stop) => {
  const tally: AttackTally = { opened: 0, refused: 0, closedByServer: 0 };
  const depth = 4 << 20;
  const frame = `42["hello",${'['.repeat(depth)}1${']'.repeat(depth)}]`;
  while (!stop.aborted) {
    const { socket, connected } = await rawEngineSocket(url, '40');
    tally.opened++;
    if (!connected) {
      tally.refused++;
      await sleep(20, stop);
      continue;
    }
    socket.send(frame);
    await Promise.race([closedByPeer(socket).then(() => tally.closedByServer++), sleep(2_000, stop)]);
    socket.terminate();
  }
  return tally;
};

/** Opens `count` sockets that join `namespaceFrame` (`40` or `40/dashboard,`) and hold them. */
function holdSockets(count: number, namespaceFrame: string): Attack {
  return async (url, stop) => {
    const tally: AttackTally = { opened: 0, refused: 0, closedByServer: 0 };
    const held: WebSocket[] = [];
    for (let i = 0; i < count && !stop.aborted; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(100, count - i) }, () => rawEngineSocket(url, namespaceFrame)),
      );
      for (const { socket, connected } of batch) {
        tally.opened++;
        if (!connected) {
          tally.refused++;
          continue;
        }
        answerPings(socket);
        socket.once('close', () => {
          if (!stop.aborted) tally.closedByServer++;
        });
        held.push(socket);
      }
    }
    await sleep(60_000, stop);
    for (const socket of held) socket.terminate();
    return tally;
  };
}

function slowloris(count: number): Attack {
  return async (url, stop) => {
    const tally: AttackTally = { opened: 0, refused: 0, closedByServer: 0 };
    const { hostname, port } = new URL(url);
    const held: NetSocket[] = [];
    for (let i = 0; i < count && !stop.aborted; i++) {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.on('error', () => undefined);
      socket.once('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '));
      socket.once('close', () => tally.closedByServer++);
      tally.opened++;
      held.push(socket);
    }
    const trickle = setInterval(() => held.forEach((socket) => socket.writable && socket.write('a')), 1_000);
    await sleep(60_000, stop);
    clearInterval(trickle);
    for (const socket of held) socket.destroy();
    return tally;
  };
}

type AttackName = Exclude<PhaseName, 'baseline'>;

function attackFor(name: AttackName, count: number): Attack {
  switch (name) {
    case 'connect-packets':
      return connectPackets;
    case 'parse-bomb':
      return parseBomb;
    case 'socket-storm':
      return holdSockets(count, '40');
    case 'dashboard-viewers':
      return holdSockets(count, '40/dashboard,');
    case 'slowloris':
      return slowloris(count);
    default: {
      const unknown: never = name;
      throw new RangeError(`--attack must name an attack phase, got ${String(unknown)}`);
    }
  }
}

/** Attacker mode: runs one attack until SIGTERM, then prints its tally as JSON. */
async function attackerMain(name: AttackName, url: string, count: number): Promise<void> {
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  const tally = await attackFor(name, count)(url, stop.signal);
  process.stdout.write(`${JSON.stringify(tally)}\n`);
  process.exit(0);
}

/** Starts the attack in its own process; the returned function stops it and resolves with its tally. */
function spawnAttack(name: AttackName, url: string, count: number): () => Promise<AttackTally> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, __filename, '--attack', name, '--url', url, '--count', String(count)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    const line = output.trim().split('\n').pop() ?? '';
    return line.startsWith('{')
      ? (JSON.parse(line) as AttackTally)
      : { opened: Number.NaN, refused: Number.NaN, closedByServer: Number.NaN };
  };
}

async function runPhase(
  phase: PhaseName,
  url: string,
  pid: number,
  honest: FederatedClient,
  phaseMs: number,
  attack?: { name: AttackName; count: number },
): Promise<PhaseResult> {
  const stopAttack = attack
    ? spawnAttack(attack.name, url, attack.count)
    : async () => ({ opened: 0, refused: 0, closedByServer: 0 });
  // Let the attacker start and the flood build up before measuring.
  await sleep(attack ? 1_500 : 0);
  let rounds = 0;
  const onRoundEnd = ({ outcome }: { outcome: string }): void => {
    if (outcome === 'completed') rounds++;
  };
  honest.on('round-end', onRoundEnd);
  let peak = rssMiB(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 50);
  const latencies: number[] = [];
  const cpuAtStart = cpuSeconds(pid);
  const started = performance.now();
  while (performance.now() - started < phaseMs) {
    latencies.push(await healthz(url));
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  const coordinatorCpu = (cpuSeconds(pid) - cpuAtStart) / seconds;
  honest.off('round-end', onRoundEnd);
  clearInterval(sampler);
  const attacker = await stopAttack();
  // Let the coordinator shed what the attack left behind before the next phase.
  await sleep(attack ? 1_500 : 0);
  return {
    phase,
    seconds,
    rounds,
    roundsPerSecond: rounds / seconds,
    healthzRequests: latencies.length,
    healthzP50Ms: percentile(latencies, 50),
    healthzP99Ms: percentile(latencies, 99),
    peakRssMiB: peak,
    coordinatorCpu,
    attacker,
  };
}

function lightData(count: number): LocalDataset {
  return { images: new Float32Array(count * 64), labels: new Uint8Array(count), shape: [8, 8, 1], classes: 10, count };
}

async function main(): Promise<void> {
  const flags = new FlagReader((name) => benchOption(name, '') || undefined);
  const attackName = benchOption('attack', '');
  if (attackName) {
    await attackerMain(
      attackName as AttackName,
      benchOption('url', ''),
      flags.integer('count', { min: 1, fallback: 1 }),
    );
    return;
  }
  const phaseMs = flags.integer('phase-ms', { min: 500, fallback: 4_000 });
  const clients = flags.integer('clients', { min: 3, fallback: 3 });
  // 100 ms of "training" keeps each honest client under the default 20 messages/s per connection.
  const delayMs = flags.integer('delay-ms', { min: 0, fallback: 100 });
  const storm = flags.integer('storm', { min: 1, fallback: 2_000 });
  const viewers = flags.integer('viewers', { min: 1, fallback: 500 });
  const slow = flags.integer('slowloris', { min: 1, fallback: 500 });
  const { child, url } = await startCoordinator();
  const pid = child.pid ?? 0;
  const fleet = Array.from(
    { length: clients },
    (_, i) =>
      new FederatedClient({
        url,
        data: lightData(8),
        clientId: `honest-${i}`,
        trainer: new LightTrainer(delayMs),
        ackTimeoutMs: 60_000,
      }),
  );
  for (const client of fleet) client.on('error', () => undefined);
  const runs = fleet.map((client) => client.run().catch(() => undefined));
  const results: PhaseResult[] = [];
  try {
    await new Promise<void>((done) => {
      const first = (): void => {
        fleet[0].off('round-end', first);
        done();
      };
      fleet[0].on('round-end', first);
    });
    const attacks: Array<{ name: AttackName; count: number }> = [
      { name: 'connect-packets', count: 1 },
      { name: 'parse-bomb', count: 1 },
      { name: 'socket-storm', count: storm },
      { name: 'dashboard-viewers', count: viewers },
      { name: 'slowloris', count: slow },
    ];
    const phases: Array<[PhaseName, { name: AttackName; count: number } | undefined]> = [['baseline', undefined]];
    for (const attack of attacks) phases.push([attack.name, attack], ['baseline', undefined]);
    for (const [phase, attack] of phases) {
      const result = await runPhase(phase, url, pid, fleet[0], phaseMs, attack);
      results.push(result);
      console.error(
        `${phase}: ${result.roundsPerSecond.toFixed(2)} rounds/s, /healthz p99 ${result.healthzP99Ms.toFixed(1)} ms, peak RSS ${result.peakRssMiB.toFixed(0)} MiB`,
      );
    }
  } finally {
    for (const client of fleet) client.stop();
    await Promise.race([Promise.all(runs), sleep(5_000)]);
    const exited = new Promise((done) => child.once('exit', done));
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  // Baselines sit at even indices; attack i at 2i+1 between baselines 2i and 2i+2.
  const around = (index: number): number =>
    index % 2 === 0
      ? results[index].roundsPerSecond
      : (results[index - 1].roundsPerSecond + results[index + 1].roundsPerSecond) / 2;
  const rows = results.map((r, index) => ({
    ...r,
    unattackedRoundsPerSecond: around(index),
    roundsRatio: r.roundsPerSecond / around(index),
  }));
  const baselines = results.filter((r) => r.phase === 'baseline');
  const unattacked = baselines.reduce((sum, r) => sum + r.roundsPerSecond, 0) / baselines.length;
  const [load1] = loadavg();
  printTable(
    `Hostile network: ${clients} honest light clients (343-parameter model, ${delayMs} ms "training"), ${phaseMs} ms per phase; ` +
      `ratio against the baselines before and after; machine load average ${load1.toFixed(1)} on ${cpus().length} cores`,
    [
      'phase',
      'rounds/s',
      'ratio',
      'healthz p50',
      'healthz p99',
      'peak RSS',
      'coord. CPU',
      'opened',
      'refused',
      'closed',
    ],
    rows.map((r) => [
      r.phase,
      r.roundsPerSecond.toFixed(2),
      r.roundsRatio.toFixed(2),
      `${r.healthzP50Ms.toFixed(1)} ms`,
      `${r.healthzP99Ms.toFixed(1)} ms`,
      `${r.peakRssMiB.toFixed(0)} MiB`,
      `${(r.coordinatorCpu * 100).toFixed(0)}%`,
      String(r.attacker.opened),
      String(r.attacker.refused),
      String(r.attacker.closedByServer),
    ]),
    14,
  );
  const goals = rows
    .filter((r) => r.phase !== 'baseline')
    .map((r) => ({
      phase: r.phase,
      // Issue 15's goal is stated for a sustained attack from one connection; the storms are many.
      oneConnection: r.phase === 'connect-packets' || r.phase === 'parse-bomb',
      roundsAtLeast80Percent: r.roundsRatio >= 0.8,
      healthzP99Under100Ms: r.healthzP99Ms < 100,
    }));
  for (const goal of goals) {
    console.log(
      `${goal.phase.padEnd(18)} rounds >= 80%: ${goal.roundsAtLeast80Percent ? 'yes' : 'NO '}   /healthz p99 < 100 ms: ${goal.healthzP99Under100Ms ? 'yes' : 'NO '}` +
        (goal.oneConnection ? '   (the goal: one connection)' : '   (many connections: for the record)'),
    );
  }
  writeJsonRows({
    bench: 'hostile',
    clients,
    delayMs,
    phaseMs,
    storm,
    viewers,
    slowloris: slow,
    loadAverage: load1,
    cores: cpus().length,
    unattackedRoundsPerSecond: unattacked,
    phases: rows,
    goals,
  });
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
