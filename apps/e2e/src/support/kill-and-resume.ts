import { FederatedClient } from '@edgefl/client';
import type { ClientRunSummary } from '@edgefl/client';
import type { RoundStore } from '@edgefl/coordinator-store';
import { RoundStage } from '@edgefl/protocol';
import { CoordinatorProcess, HoldingTrainer, bytesOf, restartTestFlags, status, waitFor } from './coordinator-restart';
import { LoopbackRelay } from './loopback-relay';
import { tinyDataset } from './tiny-dataset';

/** What {@link killAndResume} runs against. */
export interface KillAndResumeOptions {
  /** Where the state lives: `['--state-dir', DIR]` or `['--redis', URL]`. */
  state: string[];
  /** Further CLI flags (`['--no-secure']`, `['--secure']`). */
  extra: string[];
  /** Opens the state the coordinator writes, to inspect it while no coordinator runs. */
  openStore: () => Promise<RoundStore>;
  /** Rounds of the run, and the round the coordinator is killed in (earlier rounds are committed by then). */
  rounds: number;
  killedRound: number;
  /** Everything started here, for the test's afterAll to stop. */
  processes: CoordinatorProcess[];
  clients: FederatedClient[];
}

/**
 * Runs the real CLI with three clients, SIGKILLs it while every client holds a task of
 * `killedRound`, restarts it on the same state, and checks that it resumes from the last committed
 * model bit for bit, that the clients get the killed round again on those weights, and that the
 * run finishes with every round committed once. Each process binds a free port and reports it in
 * its `ready` line; the clients keep one address, a {@link LoopbackRelay} that follows the process
 * of the moment (no port is freed here for a child to take, so none can be taken in between).
 */
export async function killAndResume(options: KillAndResumeOptions): Promise<void> {
  const relay = await LoopbackRelay.start();
  try {
    await killAndResumeBehind(relay, options);
  } finally {
    await relay.close();
  }
}

async function killAndResumeBehind(relay: LoopbackRelay, options: KillAndResumeOptions): Promise<void> {
  const { rounds, killedRound, processes, clients } = options;
  const flags = restartTestFlags(rounds, options.state, options.extra);
  const first = new CoordinatorProcess(flags);
  processes.push(first);
  const logs = (): string => processes.map((p, i) => `--- coordinator run ${i + 1} ---\n${p.tail()}`).join('\n');
  const port = await first.ready;
  relay.relayTo(port);

  const trainers = [
    new HoldingTrainer(0.01, 100, killedRound),
    new HoldingTrainer(0.02, 100, killedRound),
    new HoldingTrainer(0.04, 100, killedRound),
  ];
  for (const [i, trainer] of trainers.entries()) {
    clients.push(
      new FederatedClient({
        url: relay.url,
        data: tinyDataset(5 * (i + 1)),
        clientId: `c${i}`,
        trainer,
        connection: { retries: Number.POSITIVE_INFINITY, maxBackoffMs: 2_000 },
      }),
    );
  }
  const disconnected = new Set<FederatedClient>();
  for (const client of clients) client.on('disconnected', () => disconnected.add(client));
  const runs: Array<Promise<ClientRunSummary>> = clients.map((client) => client.run());

  // Every client holds a task of the killed round: the earlier rounds are committed, this one is open and cannot close.
  await waitFor(
    'all clients to hold a task of the killed round',
    90_000,
    () => (trainers.every((t) => t.held.size > 0) ? true : undefined),
    logs,
  );
  const before = await waitFor(
    'status inside the killed round',
    30_000,
    async () => {
      const current = await status(port);
      const open =
        current !== undefined &&
        current.stage !== RoundStage.Completed &&
        current.stage !== RoundStage.Abandoned &&
        current.stage !== RoundStage.Idle;
      return open && current.round === killedRound ? current : undefined;
    },
    logs,
  );
  expect(before.modelVersion).toBe(killedRound - 1);
  await first.kill();
  // Until the restarted process reports its port, connections to the relay are refused.
  relay.relayTo(undefined);

  const killedAt = await options.openStore();
  const committed = await killedAt.latestCheckpoint();
  const roundsAtKill = await killedAt.rounds();
  await killedAt.close();
  expect(committed?.version).toBe(before.modelVersion);
  if (!committed) throw new Error('no checkpoint was committed before the kill');
  expect(roundsAtKill.filter((r) => r.outcome === 'completed').map((r) => r.round)).toEqual(
    Array.from({ length: killedRound - 1 }, (_, i) => i + 1),
  );
  const committedBytes = bytesOf(committed.weights);

  // Only once every client saw its connection drop may the held results unwind: they must be dropped, not sent.
  await waitFor(
    'every client to notice the coordinator is gone',
    60_000,
    () => (disconnected.size === clients.length ? true : undefined),
    logs,
  );
  for (const trainer of trainers) trainer.restart();
  const second = new CoordinatorProcess(flags);
  processes.push(second);
  const secondPort = await second.ready;
  relay.relayTo(secondPort);
  // Listening when it logs `ready`: the status answers at once, with the version it resumes from.
  const resumed = await status(secondPort);
  expect(resumed?.modelVersion).toBe(committed.version);
  const resumeLog = await waitFor(
    'the restarted coordinator to log its resumed version',
    30_000,
    () => second.logged('resuming from the last committed model'),
    logs,
  );
  expect(resumeLog).toMatchObject({ modelVersion: committed.version });
  // The restarted CLI serves the committed model from its store, as TF.js weights (float32 LE, model order).
  const latest = await fetch(`http://127.0.0.1:${secondPort}/api/model/model.json`);
  expect(latest.headers.get('x-edgefl-model-version')).toBe(String(committed.version));
  const served = await fetch(`http://127.0.0.1:${secondPort}/api/model/v/${committed.version}/weights.bin`);
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(committedBytes);

  // The clients reconnect on their own and get the killed round again, built on the committed weights.
  const retried = await waitFor(
    'every client to receive a task from the restarted coordinator',
    90_000,
    () =>
      trainers.every((t) => t.tasksAfterRestart.length > 0) ? trainers.map((t) => t.tasksAfterRestart[0]) : undefined,
    logs,
  );
  for (const task of retried) {
    expect(task.roundId.startsWith(`run/${killedRound}/`)).toBe(true);
    expect(bytesOf(task.weights)).toEqual(committedBytes);
  }
  for (const trainer of trainers) trainer.letGo();

  const results = await Promise.race([
    Promise.all(runs),
    new Promise<never>((_, fail) =>
      setTimeout(() => fail(new Error(`clients did not finish within 120 s\n${logs()}`)), 120_000).unref(),
    ),
  ]);
  expect(results.map((r) => [r.reason, r.modelVersion])).toEqual(trainers.map(() => ['completed', rounds]));
  const exitCode = await Promise.race([
    second.exited,
    new Promise<string>((done) => setTimeout(() => done('still running'), 30_000).unref()),
  ]);
  expect(exitCode).toBe(0);

  const after = await options.openStore();
  try {
    expect((await after.latestCheckpoint())?.version).toBe(rounds);
    const resumedFrom = await after.checkpoint(committed.version);
    expect(resumedFrom && bytesOf(resumedFrom.weights)).toEqual(committedBytes);
    const completed = (await after.rounds()).filter((r) => r.outcome === 'completed');
    const every = Array.from({ length: rounds }, (_, i) => i + 1);
    expect(completed.map((r) => r.round)).toEqual(every);
    expect(completed.map((r) => r.modelVersion)).toEqual(every);
  } finally {
    await after.close();
  }
}
