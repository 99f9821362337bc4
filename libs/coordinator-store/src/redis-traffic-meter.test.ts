import { Redis } from 'ioredis';
import { RedisTrafficMeter } from './redis-traffic-meter';
import { startRedisTestServer } from './testing/redis-test-server';
import type { RedisTestServer } from './testing/redis-test-server';

/** RESP size of a command sent as an array of bulk strings. */
function resp(parts: string[]): number {
  return parts.reduce(
    (n, p) => n + `$${Buffer.byteLength(p)}\r\n`.length + Buffer.byteLength(p) + 2,
    `*${parts.length}\r\n`.length,
  );
}

describe('RedisTrafficMeter on a real redis-server', () => {
  let server: RedisTestServer;
  let meterConnection: Redis;
  let worker: Redis;

  beforeAll(async () => {
    server = await startRedisTestServer();
    meterConnection = new Redis(server.url);
    worker = new Redis(server.url);
    // Both connections are ready (ioredis's ready check has run) before anything is measured.
    await Promise.all([meterConnection.ping(), worker.ping()]);
  });

  afterAll(async () => {
    meterConnection.disconnect();
    worker.disconnect();
    await server?.stop();
  });

  for (const protocol of [2, 3] as const) {
    it(`leaves its own INFO calls out over RESP${protocol}: snapshots in a row differ by nothing`, async () => {
      const connection = new Redis(server.url, { protocol });
      try {
        await connection.ping();
        const meter = new RedisTrafficMeter(connection);
        const first = await meter.snapshot();
        const second = await meter.snapshot();
        const third = await meter.snapshot();
        expect(meter.between(first, second)).toEqual({ inputBytes: 0, outputBytes: 0, commands: 0, calls: [] });
        expect(meter.between(second, third)).toEqual({ inputBytes: 0, outputBytes: 0, commands: 0, calls: [] });
      } finally {
        connection.disconnect();
      }
    });
  }

  it('counts the exact bytes of what other clients sent and received in between', async () => {
    const meter = new RedisTrafficMeter(meterConnection);
    const value = 'v'.repeat(10_000);
    const before = await meter.snapshot();
    await worker.set('k', value);
    const read = await worker.get('k');
    const after = await meter.snapshot();
    expect(read).toBe(value);
    const traffic = meter.between(before, after);
    expect(traffic.inputBytes).toBe(resp(['set', 'k', value]) + resp(['get', 'k']));
    // +OK, then the value as a bulk string.
    expect(traffic.outputBytes).toBe('+OK\r\n'.length + '$10000\r\n'.length + 10_000 + 2);
    expect(traffic.commands).toBe(2);
    expect(traffic.calls).toEqual([
      { command: 'get', calls: 1 },
      { command: 'set', calls: 1 },
    ]);
  });

  it('refuses a `before` it did not take', async () => {
    const meter = new RedisTrafficMeter(meterConnection);
    const other = new RedisTrafficMeter(meterConnection);
    const before = await other.snapshot();
    expect(() => meter.between(before, before)).toThrow(/was not taken by this meter/);
  });
});
