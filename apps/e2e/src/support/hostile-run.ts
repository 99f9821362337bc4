import { FederatedClient, generateIdentity } from '@edgefl/client';
import type { ClientIdentity, FederatedClientOptions, LocalTrainer } from '@edgefl/client';
import type { CoordinatorConfigInput, CoordinatorLogger, RunSummary } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { ConstantTrainer } from './constant-trainer';
import { startCoordinator } from './start-coordinator';
import { tinyDataset } from './tiny-dataset';

/** One attacker of a hostile run: an SDK client with its own trainer and/or a tampering `connect`. */
export interface Attacker {
  trainer?: LocalTrainer;
  connect?: (identity: ClientIdentity) => FederatedClientOptions['connect'];
}

/** What a hostile run leaves for the assertions. */
export interface HostileRunResult {
  summary: RunSummary;
  records: RoundRecord[];
  /** Coordinator log lines, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Ids the coordinator quarantined, in order, from its 'suspicion updated' lines. */
  quarantined: string[];
}

/**
 * Runs a coordinator with `honest` honest SDK clients (`h0`, `h1`... ConstantTrainer) and the
 * attackers (`attacker0`...), all over real loopback sockets, until the run ends.
 *
 * @example
 * const run = await hostileRun({ honest: 10, attackers: [{ connect: () => tamperingConnect(garbageShareBoxes) }], config });
 * expect(run.summary.reason).toBe('completed');
 */
export async function hostileRun(options: {
  honest: number;
  attackers: Attacker[];
  config: CoordinatorConfigInput;
  honestTrainer?: (i: number) => LocalTrainer;
}): Promise<HostileRunResult> {
  const logs: Array<Record<string, unknown>> = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => {
    logs.push({ level, message, ...fields });
  };
  const logger: CoordinatorLogger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const { coordinator, url, store } = await startCoordinator(options.config, { logger });
  const clients: FederatedClient[] = [];
  for (let i = 0; i < options.honest; i++) {
    const trainer = options.honestTrainer?.(i) ?? new ConstantTrainer(((i % 5) - 2) * 0.01);
    clients.push(new FederatedClient({ url, data: tinyDataset(20 + i), clientId: `h${i}`, trainer }));
  }
  options.attackers.forEach((attacker, i) => {
    const identity = generateIdentity(new Uint8Array(32).fill(200 + i));
    clients.push(
      new FederatedClient({
        url,
        data: tinyDataset(30),
        clientId: `attacker${i}`,
        identity,
        trainer: attacker.trainer ?? new ConstantTrainer(0.01),
        connect: attacker.connect?.(identity),
      }),
    );
  });
  // Refusals and aborted rounds are what attackers cause; the clients' own errors are not under test.
  for (const client of clients) client.on('error', () => undefined);
  const runs = clients.map((client) => client.run().catch(() => undefined));
  try {
    expect(await coordinator.waitForClients(clients.length, 15_000)).toBe(true);
    const summary = await coordinator.run();
    await Promise.all(runs);
    const quarantined = logs
      .filter((line) => line.message === 'suspicion updated')
      .flatMap((line) => line.quarantined as string[]);
    return { summary, records: await store.rounds(), logs, quarantined };
  } finally {
    for (const client of clients) client.stop();
    await coordinator.close(500);
  }
}
