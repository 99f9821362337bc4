import { CoordinatorCluster, TOOK_LEASE } from './support/coordinator-cluster';
import type { CoordinatorProcess } from './support/coordinator-restart';
import { waitFor } from './support/coordinator-restart';

/** What a leader logs when it could not renew its lease within the TTL (here: Redis was down). */
const LOST_LEASE = 'lost the leader lease: another node runs the rounds now';

/** The `time` of the first entry `node` logged with `msg` at or after `since`, or undefined. */
function loggedSince(node: CoordinatorProcess, msg: string, since: number): number | undefined {
  for (const line of node.lines) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; time?: number };
    if (entry.msg === msg && typeof entry.time === 'number' && entry.time >= since) return entry.time;
  }
  return undefined;
}

describe('Redis restarted (SIGTERM, AOF on) under running rounds (three coordinator nodes)', () => {
  const cluster = new CoordinatorCluster();

  beforeEach(() => cluster.start('cluster-redis-restart'));
  afterEach(() => cluster.stop());

  /**
   * Three nodes of a 4-round `mode` run and the simulator, up to the leader opening round 2: then
   * the nodes, their leader and the model versions committed by then.
   */
  async function untilRound2Opens(
    mode: 'plain' | 'secure',
  ): Promise<{ nodes: CoordinatorProcess[]; leader: CoordinatorProcess; logs: () => string; before: number[] }> {
    await cluster.startNodes(3, 4, mode);
    const logs = (): string => cluster.logs();
    const leader = await waitFor('a node to take the lease', 60_000, () => cluster.leader(), logs);
    // Six clients, two per node: every node holds clients whose messages cross Redis. Each trains for
    // a second, so an outage lands inside round 2 rather than after a run of instant rounds.
    void cluster.runSimulator(6, undefined, ['--light-delay', '1000']);
    const configured = mode === 'plain' ? 'round configured' : 'secure round configured';
    await waitFor('the leader to open round 2', 200_000, () => leader.loggedAt(configured, 'run/2/1'), logs);
    const before = (await cluster.committed()).completed.map((record) => record.modelVersion);
    return { nodes: cluster.nodes, leader, logs, before };
  }

  for (const mode of ['plain', 'secure'] as const) {
    it(`${mode}: committed versions survive, the leader stops leading while Redis is down past its lease, the nodes reconnect and the run finishes with each version committed once`, async () => {
      // Round 1 is committed and round 2 open: take Redis away there.
      const { nodes, leader, logs, before } = await untilRound2Opens(mode);
      expect(before).toEqual(expect.arrayContaining([1]));
      const haltedAt = Date.now();
      await cluster.redis.halt('SIGTERM');
      // Down past the lease TTL: the leader cannot renew and must stop leading (and committing).
      await waitFor('the leader to give its lease up', 60_000, () => loggedSince(leader, LOST_LEASE, haltedAt), logs);
      await cluster.redis.resume();

      // The versions committed before the outage are still there, read back from the restarted Redis.
      const after = (await cluster.committed()).completed.map((record) => record.modelVersion);
      expect(after.slice(0, before.length)).toEqual(before);
      // The nodes reconnect, one takes the lease, and the run finishes: versions 1..4, each once.
      await cluster.expectRunFinishedBy(nodes, 4);
    }, 480_000);

    it(`${mode}: a quick restart inside the lease TTL: the leader keeps the lease, no round is left hanging and the run finishes with each version committed once`, async () => {
      const { nodes, leader, before } = await untilRound2Opens(mode);
      const restartedAt = Date.now();
      await cluster.redis.restart('SIGTERM');
      const after = (await cluster.committed()).completed.map((record) => record.modelVersion);
      expect(after.slice(0, before.length)).toEqual(before);
      // Messages queued or lost while Redis was down: a round that misses reports ends by its
      // deadline and is run again; it never waits for them for ever.
      await cluster.expectRunFinishedBy(nodes, 4);
      expect(loggedSince(leader, LOST_LEASE, restartedAt)).toBeUndefined();
      // The leader ran every round: the others took the lease only after it ended the run and let it go.
      const ended = leader.loggedAt('run ended') ?? -Infinity;
      for (const node of nodes.filter((other) => other !== leader))
        expect(node.loggedAt(TOOK_LEASE) ?? Infinity).toBeGreaterThanOrEqual(ended);
    }, 480_000);
  }
});
