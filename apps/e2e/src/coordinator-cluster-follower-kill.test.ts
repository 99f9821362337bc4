import { CoordinatorCluster } from './support/coordinator-cluster';
import type { CoordinatorProcess } from './support/coordinator-restart';
import { waitFor } from './support/coordinator-restart';

/** The client ids a node logged as registered, at or after `since` (ms since the epoch). */
function registered(node: CoordinatorProcess, since = 0): string[] {
  const ids: string[] = [];
  for (const line of node.lines) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; clientId?: string; time?: number };
    if (entry.msg === 'client registered' && entry.clientId && (entry.time ?? 0) >= since) ids.push(entry.clientId);
  }
  return ids;
}

describe('SIGKILL of a follower node mid-round (three coordinator nodes on one Redis)', () => {
  const cluster = new CoordinatorCluster();

  beforeEach(() => cluster.start('cluster-follower-kill'));
  afterEach(() => cluster.stop());

  for (const mode of ['plain', 'secure'] as const) {
    it(`${mode}: the dead node's clients fail over to the other nodes, each version is committed once and the run finishes`, async () => {
      await cluster.startNodes(3, 4, mode);
      const { nodes } = cluster;
      const logs = (): string => cluster.logs();
      const leader = await waitFor('a node to take the lease', 60_000, () => cluster.leader(), logs);
      // The simulator follows the run through its first URL: the killed follower's goes last.
      const victim = nodes.find((node) => node !== leader);
      if (!victim) throw new Error('three nodes, one leader: a follower must exist');
      // Three clients, one per node, and every round needs three reports: without the victim's client
      // coming back on another node no round after the kill could complete.
      void cluster.runSimulator(
        3,
        [...nodes.keys()].sort((a, b) => Number(nodes[a] === victim) - Number(nodes[b] === victim)),
      );

      // The leader is in round 2 (round 1 committed): kill a follower there.
      const configured = mode === 'plain' ? 'round configured' : 'secure round configured';
      await waitFor('the leader to open round 2', 200_000, () => leader.loggedAt(configured, 'run/2/1'), logs);
      const stranded = registered(victim);
      expect(stranded).toHaveLength(1);
      // Taken before the kill: the client may be back on a survivor before the victim's exit is observed.
      const killedAt = Date.now();
      await victim.kill();
      const survivors = nodes.filter((node) => node !== victim);
      // Nothing counted twice: the killed node never committed round 2's version, the run did, once.
      await cluster.expectRunFinishedBy(survivors, 4);
      // The run could only finish with the stranded client back, enrolled on a surviving node under its id.
      const movedTo = survivors.flatMap((node) => registered(node, killedAt));
      expect(movedTo).toEqual(expect.arrayContaining(stranded));
    }, 480_000);
  }
});
