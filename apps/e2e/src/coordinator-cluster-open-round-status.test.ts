import { Redis } from 'ioredis';
import { RedisOpenRoundStore } from '@edgefl/coordinator-store/node';
import { openRoundFixture, startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { CoordinatorProcess, restartTestFlags, status, waitFor } from './support/coordinator-restart';

describe('the open round in Redis on a node that runs no round (processes)', () => {
  let redis: RedisTestServer;
  let connection: Redis;
  let node: CoordinatorProcess | undefined;

  beforeAll(async () => {
    redis = await startRedisTestServer();
    connection = new Redis(redis.url);
  });

  afterAll(async () => {
    await node?.kill();
    await connection?.quit();
    await redis?.stop();
  });

  it("shows the leader's open attempt, as recorded in Redis, in /api/status, and null once it is cleared", async () => {
    // Waiting for far more clients than connect: this node runs no round itself.
    node = new CoordinatorProcess([
      ...restartTestFlags(4, ['--redis', redis.url], ['--no-secure']),
      ...['--node-id', 'node-b', '--wait-for-clients', '1000'],
    ]);
    const port = await node.ready;
    const live = node;
    const logs = (): string => live.tail();
    expect(await waitFor('the node to serve', 60_000, () => status(port), logs)).toMatchObject({ openRound: null });

    // What a leader on another node writes when its attempt reaches the masked-input stage.
    const openRounds = new RedisOpenRoundStore(connection);
    const open = openRoundFixture(2, 1, { stage: 'masked-input', secure: true, leaderNodeId: 'node-a' });
    await openRounds.putOpenRound(open);
    const shown = await waitFor(
      'the node to show the open round',
      30_000,
      async () => {
        const answer = await status(port);
        return answer?.openRound ? answer : undefined;
      },
      logs,
    );
    expect(shown.openRound).toEqual(open);
    expect(shown).toMatchObject({ nodeId: 'node-b', round: null, stage: 'idle' });

    await openRounds.clearOpenRound(open.roundId);
    await waitFor(
      'the node to show no open round',
      30_000,
      async () => ((await status(port))?.openRound === null ? true : undefined),
      logs,
    );
  }, 120_000);
});
