/**
 * Coordinator load: many connected light clients (the simulator's `--light` trainer: a fixed
 * small synthetic update, no tfjs) against the real coordinator CLI running as a child process.
 *
 *   npx tsx tools/bench/load.ts [--json FILE] [--clients 1000] [--baseline 100] [--rounds 5]
 *                               [--delay-ms 20]
 *
 * Per fleet size N (the baseline first, then the full fleet), with N/10 reports per round:
 * - connect: wall time from opening the first socket until all N clients got their `welcome`;
 * - round latency: per round, from the first client receiving its task to the last member of the
 *   cohort receiving `round-end` (client clocks = this process), p50 and p95 over the rounds;
 * - coordinator peak RSS: /proc/<pid>/status VmRSS of the coordinator process, sampled every 50 ms.
 * All clients live in this one process (socket.io-client connections over loopback). The model is
 * the smallest reference CNN (--input-size 8 --widths 2, 343 parameters), so the figures are
 * about connections, fan-out and bookkeeping, not about model size. Ratios compare the full fleet
 * with the baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FederatedClient } from '@edgefl/client';
import { LightTrainer } from '@edgefl/simulation';
import { readBenchFlags } from './bench-flags';
import { printTable, writeJsonRows } from './bench-output';
import { lightCoordinatorArgs, lightData, startCoordinatorChild } from './coordinator-child';
import { percentile, rssMiB } from './process-stats';

interface FleetResult {
  clients: number;
  perRound: number;
  rounds: number;
  connectMs: number;
  roundLatencyMs: number[];
  p50Ms: number;
  p95Ms: number;
  peakRssMiB: number;
  idleRssMiB: number;
}

function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Re-runs this script under a shell that raised `ulimit -n` when the fleet would not fit. */
function ensureFileLimit(clients: number): void {
  const needed = clients + 512;
  if (openFileLimit() >= needed || process.env.EDGEFL_BENCH_ULIMIT_RAISED) return;
  const result = spawnSync(
    'bash',
    ['-c', `ulimit -n ${needed} && exec "$0" "$@"`, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, EDGEFL_BENCH_ULIMIT_RAISED: '1' },
    },
  );
  process.exit(result.status ?? 1);
}

function startCoordinator(
  clients: number,
  perRound: number,
  rounds: number,
): Promise<{ child: ChildProcess; url: string }> {
  return startCoordinatorChild([
    ...[
      '--port',
      '0',
      '--rounds',
      String(rounds),
      '--per-round',
      String(perRound),
      '--over-selection',
      '1',
      '--min-reports',
      String(perRound),
    ],
    ...lightCoordinatorArgs(120_000),
    ...['--wait-for-clients', String(clients), '--backend', 'cpu', '--log-level', 'info'],
    // The whole fleet connects at once from one loopback address: lift the pre-enrollment caps
    // (default 512 overall, 128 per address) so this measures connecting, not the hostile-network limits.
    ...['--max-pending', String(clients + 64), '--max-pending-per-address', String(clients + 64)],
  ]);
}

async function runFleet(clients: number, rounds: number, delayMs: number): Promise<FleetResult> {
  const perRound = Math.max(1, Math.round(clients / 10));
  const { child, url } = await startCoordinator(clients, perRound, rounds);
  const pid = child.pid ?? 0;
  let peakRss = rssMiB(pid);
  const idleRss = peakRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(pid));
  }, 50);
  const firstTask = new Map<string, number>();
  const lastEnd = new Map<string, number>();
  const fleet: FederatedClient[] = [];
  try {
    const connectStart = performance.now();
    let connected = 0;
    const allConnected = new Promise<void>((done) => {
      for (let i = 0; i < clients; i++) {
        const client = new FederatedClient({
          url,
          data: lightData(8),
          clientId: `load-${i}`,
          trainer: new LightTrainer(delayMs),
          ackTimeoutMs: 120_000,
        });
        client.on('connected', () => {
          connected++;
          if (connected === clients) done();
        });
        client.on('round-start', ({ roundId }) => {
          if (!firstTask.has(roundId)) firstTask.set(roundId, performance.now());
        });
        client.on('round-end', ({ roundId }) => lastEnd.set(roundId, performance.now()));
        client.on('error', () => undefined);
        fleet.push(client);
      }
    });
    const runs = fleet.map((client) => client.run());
    await allConnected;
    const connectMs = performance.now() - connectStart;
    await Promise.all(runs);
    const roundLatencyMs = [...firstTask].flatMap(([roundId, start]) => {
      const end = lastEnd.get(roundId);
      return end === undefined ? [] : [end - start];
    });
    if (roundLatencyMs.length !== rounds)
      throw new Error(`expected ${rounds} completed rounds, saw ${roundLatencyMs.length}`);
    return {
      clients,
      perRound,
      rounds,
      connectMs,
      roundLatencyMs,
      p50Ms: percentile(roundLatencyMs, 50),
      p95Ms: percentile(roundLatencyMs, 95),
      peakRssMiB: peakRss,
      idleRssMiB: idleRss,
    };
  } finally {
    clearInterval(sampler);
    for (const client of fleet) client.stop();
    const exited = new Promise((done) => child.once('exit', done));
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000).unref())]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const flags = readBenchFlags(
    'load',
    'Coordinator load: many light clients against the real coordinator CLI (connect time, round latency, peak RSS), the full fleet against the baseline fleet.',
    {
      clients: { kind: 'integer', min: 1, default: 1000, help: 'the full fleet' },
      baseline: { kind: 'integer', min: 1, default: 100, help: 'the baseline fleet' },
      rounds: { kind: 'integer', min: 1, default: 5, help: 'rounds per fleet' },
      'delay-ms': { kind: 'integer', min: 0, default: 20, help: "each light client's training time in ms" },
    },
  );
  const { clients, rounds } = flags;
  const baselineClients = flags.baseline;
  const delayMs = flags['delay-ms'];
  ensureFileLimit(clients);
  const baseline = await runFleet(baselineClients, rounds, delayMs);
  const full = await runFleet(clients, rounds, delayMs);
  const fmt = (n: number, digits = 0): string => n.toFixed(digits);
  printTable(
    `Coordinator load: light clients (343-parameter model, ${delayMs} ms "training"), ${rounds} rounds, 10% of the fleet per round`,
    ['clients', 'per round', 'connect ms', 'ms/client', 'round p50', 'round p95', 'peak RSS', 'idle RSS'],
    [baseline, full].map((r) => [
      String(r.clients),
      String(r.perRound),
      fmt(r.connectMs),
      fmt(r.connectMs / r.clients, 2),
      fmt(r.p50Ms),
      fmt(r.p95Ms),
      `${fmt(r.peakRssMiB)} MiB`,
      `${fmt(r.idleRssMiB)} MiB`,
    ]),
  );
  const ratios = {
    clients: full.clients / baseline.clients,
    connectTime: full.connectMs / baseline.connectMs,
    roundP50: full.p50Ms / baseline.p50Ms,
    roundP95: full.p95Ms / baseline.p95Ms,
    peakRss: full.peakRssMiB / baseline.peakRssMiB,
    rssPerExtraClientKiB: ((full.peakRssMiB - baseline.peakRssMiB) * 1024) / (full.clients - baseline.clients),
  };
  console.log(
    `ratios ${full.clients} vs ${baseline.clients} clients: connect ${ratios.connectTime.toFixed(2)}x, round p50 ${ratios.roundP50.toFixed(2)}x, ` +
      `p95 ${ratios.roundP95.toFixed(2)}x, peak RSS ${ratios.peakRss.toFixed(2)}x (${ratios.rssPerExtraClientKiB.toFixed(0)} KiB per extra client)`,
  );
  writeJsonRows(flags.json, { bench: 'load', delayMs, rounds, baseline, full, ratios });
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
