import { CoordinatorCluster, TOOK_LEASE } from './support/coordinator-cluster';
import { waitFor } from './support/coordinator-restart';

describe('rounds across three coordinator nodes on one Redis (one leader, followers relaying)', () => {
  const cluster = new CoordinatorCluster();

  beforeEach(() => cluster.start('cluster-rounds'));
  afterEach(() => cluster.stop());

  for (const mode of ['plain', 'secure'] as const) {
    it(`${mode}: one node takes the lease and runs every round over the clients of all three; each version is committed once and every node ends`, async () => {
      await cluster.startNodes(3, 3, mode);
      const { nodes } = cluster;
      const simulatorExit = cluster.runSimulator(6);
      await waitFor(
        'every node to end the run',
        200_000,
        () => (nodes.every((node) => !node.running) ? true : undefined),
        () => cluster.logs(),
      );
      const codes = await Promise.all(nodes.map((node) => node.exited));
      expect({ codes, logs: codes.every((code) => code === 0) ? '' : nodes.map((n) => n.tail()).join('\n') }).toEqual({
        codes: [0, 0, 0],
        logs: '',
      });
      // The leader, and each follower in turn once the run was over (it finds the run complete and ends).
      expect(nodes.filter((node) => node.logged(TOOK_LEASE)).length).toBe(3);
      for (const node of nodes)
        expect(node.logged('run finished')).toMatchObject({ reason: 'completed', modelVersion: 3 });
      const { completed, latestVersion } = await cluster.committed();
      expect(completed.map((record) => record.modelVersion)).toEqual([1, 2, 3]);
      // A plain round closes at the goal; a secure round sums every over-selected survivor's input.
      for (const record of completed)
        expect(mode === 'plain' ? record.participants === 3 : record.participants >= 3).toBe(true);
      expect(latestVersion).toBe(3);
      expect(await simulatorExit).toBe(0);
    }, 360_000);
  }
});
