import { ConnectTally } from './connect-tally';
import { formatConnectFailures } from './format-connect-failures';

describe('ConnectTally', () => {
  it("settles once every client connected or failed, counting each client's first outcome", async () => {
    const tally = new ConnectTally(4);
    let settled = false;
    void tally.settled.then(() => (settled = true));
    tally.connected('a');
    tally.failed('b', 'EMFILE');
    tally.failed('c', 'EMFILE');
    tally.failed('a', 'timeout'); // a rejoin of a connected client changes nothing
    await Promise.resolve();
    expect(settled).toBe(false);
    tally.failed('d', 'refused: unauthorized');
    expect(await tally.settled).toEqual({
      expected: 4,
      connected: 1,
      failed: 3,
      failures: { EMFILE: 2, 'refused: unauthorized': 1 },
    });
    expect(formatConnectFailures(tally.summary())).toBe(
      '3 of 4 clients could not connect: EMFILE x2, refused: unauthorized x1',
    );
  });

  it('is settled at once with no clients', async () => {
    expect(await new ConnectTally(0).settled).toEqual({ expected: 0, connected: 0, failed: 0, failures: {} });
  });
});
