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
 * URL`, hostile-attacks.ts) over raw Engine.IO WebSockets (`ws`), so building floods does not slow the honest
 * clients' event loop. Loopback only.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { FederatedClient } from '@edgefl/client';
import { LightTrainer } from '@edgefl/simulation';
import { readBenchFlags } from './bench-flags';
import { printTable, writeJsonRows } from './bench-output';
import { ROOT, lightCoordinatorArgs, lightData, startCoordinatorChild } from './coordinator-child';
import { ATTACKS, attackerMain, sleep, type AttackName, type AttackTally, type PhaseName } from './hostile-attacks';
import { cpuSeconds, percentile, rssMiB } from './process-stats';

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

function startCoordinator(): Promise<{ child: ChildProcess; url: string }> {
  return startCoordinatorChild([
    ...['--port', '0', '--rounds', '1000000', '--per-round', '3', '--over-selection', '1', '--min-reports', '3'],
    ...lightCoordinatorArgs(10_000),
    // Info, as an operator runs it: every refusal is logged, and logging is part of the cost.
    ...['--backend', 'cpu', '--log-level', 'info'],
  ]);
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

async function main(): Promise<void> {
  const flags = readBenchFlags(
    'hostile',
    'The coordinator under a hostile network: honest rounds per second and /healthz latency during each flood, against the same coordinator without attack.',
    {
      'phase-ms': { kind: 'integer', min: 500, default: 4_000, help: 'length of each phase in ms' },
      clients: { kind: 'integer', min: 3, default: 3, help: 'honest light clients' },
      // 100 ms of "training" keeps each honest client under the default 20 messages/s per connection.
      'delay-ms': { kind: 'integer', min: 0, default: 100, help: "each honest client's training time in ms" },
      storm: { kind: 'integer', min: 1, default: 2_000, help: 'silent sockets of socket-storm' },
      viewers: { kind: 'integer', min: 1, default: 500, help: 'dashboard subscribers of dashboard-viewers' },
      slowloris: { kind: 'integer', min: 1, default: 500, help: 'trickling TCP connections of slowloris' },
      attack: { kind: 'choice', values: ATTACKS, help: 'internal: run as the attacker process of this attack' },
      url: { kind: 'string', help: "internal: the attacker's target" },
      count: { kind: 'integer', min: 1, default: 1, help: "internal: the attacker's connection count" },
    },
  );
  if (flags.attack !== undefined) {
    await attackerMain(flags.attack, flags.url ?? '', flags.count);
    return;
  }
  const phaseMs = flags['phase-ms'];
  const delayMs = flags['delay-ms'];
  const { clients, storm, viewers } = flags;
  const slow = flags.slowloris;
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
  writeJsonRows(flags.json, {
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
