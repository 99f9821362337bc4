import { Redis } from 'ioredis';
import { RedisScript } from './redis-script';
import { RedisTrafficMeter } from './redis-traffic-meter';
import { startRedisTestServer } from './testing/redis-test-server';
import type { RedisTestServer } from './testing/redis-test-server';

// A script whose text is far larger than its arguments, as the store's are.
const PADDED = new RedisScript(`${'-- padding\n'.repeat(100)}return redis.call('INCRBY', KEYS[1], ARGV[1])`);

describe('RedisScript on a real redis-server', () => {
  let server: RedisTestServer;
  let redis: Redis;
  let meterConnection: Redis;

  beforeAll(async () => {
    server = await startRedisTestServer();
    redis = new Redis(server.url);
    meterConnection = new Redis(server.url);
    await Promise.all([redis.ping(), meterConnection.ping()]);
  });

  afterAll(async () => {
    redis.disconnect();
    meterConnection.disconnect();
    await server?.stop();
  });

  it('sends the text once (EVAL after NOSCRIPT), then only the hash (EVALSHA)', async () => {
    await redis.script('FLUSH');
    const meter = new RedisTrafficMeter(meterConnection);
    const first = await meter.snapshot();
    expect(await PADDED.run(redis, ['n'], ['2'])).toBe(2);
    const second = await meter.snapshot();
    expect(await PADDED.run(redis, ['n'], ['3'])).toBe(5);
    const third = await meter.snapshot();
    const cold = meter.between(first, second);
    const warm = meter.between(second, third);
    expect(cold.calls.map((c) => c.command).sort()).toEqual(['eval', 'evalsha', 'incrby']);
    expect(cold.inputBytes).toBeGreaterThan(PADDED.lua.length);
    expect(warm.calls.map((c) => c.command).sort()).toEqual(['evalsha', 'incrby']);
    expect(warm.inputBytes).toBeLessThan(100);
  });

  it('goes by hash from the first call once loaded', async () => {
    await redis.script('FLUSH');
    await PADDED.load(redis);
    const meter = new RedisTrafficMeter(meterConnection);
    const before = await meter.snapshot();
    await PADDED.run(redis, ['k'], ['1']);
    expect(
      meter
        .between(before, await meter.snapshot())
        .calls.map((c) => c.command)
        .sort(),
    ).toEqual(['evalsha', 'incrby']);
  });

  it('runs again after Redis restarted and forgot its scripts', async () => {
    await PADDED.run(redis, ['m'], ['1']);
    await server.restart();
    expect(await PADDED.run(redis, ['m'], ['1'])).toBe(2);
  });

  it('passes Buffers through and returns Buffers from runBuffer, and script errors as errors', async () => {
    const echo = new RedisScript('return ARGV[1]');
    const bytes = Buffer.from([0, 255, 1, 128]);
    expect(await echo.runBuffer(redis, [], [bytes])).toEqual(bytes);
    const failing = new RedisScript("return redis.error_reply('EDGEFL_TEST boom')");
    await expect(failing.run(redis, [], [])).rejects.toThrow(/EDGEFL_TEST boom/);
  });
});
