import { CoordinatorCluster, TOOK_LEASE } from './support/coordinator-cluster';
import { waitFor } from './support/coordinator-restart';

/** The coordinator's default leader lease TTL (`CoordinatorClusterOptions.leaseTtlMs`). */
const LEASE_TTL_MS = 6_000;

describe('SIGKILL of the leader node mid-round (three coordinator nodes on one Redis)', () => {
  const cluster = new CoordinatorCluster();

  beforeEach(() => cluster.start('cluster-leader-kill'));
  afterEach(() => cluster.stop());

  for (const mode of ['plain', 'secure'] as const) {
    it(`${mode}: another node takes the lease within 2x its TTL, the open round is run again, each version is committed once and the run finishes`, async () => {
      await cluster.startNodes(3, 4, mode);
      const { nodes } = cluster;
      const logs = (): string => cluster.logs();
      const leader = await waitFor('a node to take the lease', 60_000, () => cluster.leader(), logs);
      // The simulator follows the run through its first URL: the leader's goes last, so the kill leaves it.
      // Nine clients, three per node: after the leader's three are gone six remain, above the three a round needs.
      void cluster.runSimulator(
        9,
        [...nodes.keys()].sort((a, b) => Number(nodes[a] === leader) - Number(nodes[b] === leader)),
      );

      // The leader is in round 2 (round 1 committed): kill it there.
      const configured = mode === 'plain' ? 'round configured' : 'secure round configured';
      await waitFor('the leader to open round 2', 200_000, () => leader.loggedAt(configured, 'run/2/1'), logs);
      await leader.kill();
      const killedAt = Date.now();
      const survivors = nodes.filter((node) => node !== leader);
      const successor = await waitFor(
        'another node to take the lease',
        60_000,
        () => survivors.find((node) => node.loggedAt(TOOK_LEASE) !== undefined),
        logs,
      );
      expect((successor.loggedAt(TOOK_LEASE) ?? Infinity) - killedAt).toBeLessThan(2 * LEASE_TTL_MS);

      // Nothing counted twice: the killed node never committed round 2's version, the run did, once.
      await cluster.expectRunFinishedBy(survivors, 4);
    }, 480_000);
  }
});
