import { CoordinatorCluster } from './support/coordinator-cluster';
import { waitFor } from './support/coordinator-restart';

describe('SIGKILL of a follower node mid-round (three coordinator nodes on one Redis)', () => {
  const cluster = new CoordinatorCluster();

  beforeEach(() => cluster.start('cluster-follower-kill'));
  afterEach(() => cluster.stop());

  it("plain: the leader goes on with the other nodes' clients (the dead node's leave the roster), each version is committed once and the run finishes", async () => {
    await cluster.startNodes(3, 4, 'plain');
    const { nodes } = cluster;
    const logs = (): string => cluster.logs();
    const leader = await waitFor('a node to take the lease', 60_000, () => cluster.leader(), logs);
    // The simulator follows the run through its first URL: the killed follower's goes last.
    const victim = nodes.find((node) => node !== leader);
    if (!victim) throw new Error('three nodes, one leader: a follower must exist');
    // Nine clients, three per node: after the victim's three are gone six remain, above the three a round needs.
    void cluster.runSimulator(
      9,
      [...nodes.keys()].sort((a, b) => Number(nodes[a] === victim) - Number(nodes[b] === victim)),
    );

    // The leader is in round 2 (round 1 committed): kill a follower there.
    await waitFor('the leader to open round 2', 200_000, () => leader.loggedAt('round configured', 'run/2/1'), logs);
    await victim.kill();
    const survivors = nodes.filter((node) => node !== victim);
    // Nothing counted twice: the killed node never committed round 2's version, the run did, once.
    await cluster.expectRunFinishedBy(survivors, 4);
  }, 480_000);
});
