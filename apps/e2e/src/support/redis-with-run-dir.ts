import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';

/**
 * A real `redis-server` of its own and an empty temporary directory for the run files, per test:
 * `start(name)` in beforeEach, `stop()` in afterEach; `restartRedis()` between two runs of one test
 * gives the second an empty Redis.
 *
 * @example
 * const world = new RedisWithRunDir();
 * beforeEach(() => world.start('cluster-preagg'));
 * afterEach(() => world.stop());
 * // ... measureClusterRounds({ redis: world.redis, out: world.out, ... })
 */
export class RedisWithRunDir {
  private server?: RedisTestServer;
  private dir?: string;

  get redis(): RedisTestServer {
    if (!this.server) throw new Error('RedisWithRunDir.start() first');
    return this.server;
  }

  /** The run directory, `edgefl-<name>-*` under the system's temporary directory. */
  get out(): string {
    if (this.dir === undefined) throw new Error('RedisWithRunDir.start() first');
    return this.dir;
  }

  async start(name: string): Promise<void> {
    this.server = await startRedisTestServer();
    this.dir = mkdtempSync(join(tmpdir(), `edgefl-${name}-`));
  }

  /** Stops this Redis and starts a new, empty one. */
  async restartRedis(): Promise<void> {
    await this.redis.stop();
    this.server = await startRedisTestServer();
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.server = undefined;
    this.dir = undefined;
  }
}
