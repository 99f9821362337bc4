import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** Debian's `redis-server` (the `redis-server` package; `.ci/run` installs it). */
const REDIS_SERVER = process.env.EDGEFL_REDIS_SERVER ?? 'redis-server';

/** A real `redis-server` a test started on a free loopback port, with its data in a temporary directory. */
export interface RedisTestServer {
  readonly port: number;
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  /** The data directory (the AOF lives here); removed by {@link RedisTestServer.stop}. */
  readonly dir: string;
  /** Ends the server process (SIGKILL by default: nothing gets a clean shutdown) and starts it again on the same port and directory. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  /**
   * Ends the server process (SIGKILL by default; SIGTERM is a clean `SHUTDOWN`, the AOF flushed) and
   * leaves it down, its directory kept, until {@link RedisTestServer.resume}: an outage of a length
   * the test decides.
   */
  halt(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the halted server again on the same port and directory (it loads its AOF); resolves once it answers PING. */
  resume(): Promise<void>;
  /** Ends the server and removes its directory. */
  stop(): Promise<void>;
  /** How many client connections the server holds (`CLIENT LIST`), the one asking left out. */
  connections(): Promise<number>;
}

/** How {@link startRedisTestServer} configures the server. */
export interface RedisTestServerOptions {
  /** AOF fsync policy (default `always`: every acknowledged write is on disk; `everysec` may lose the last second). */
  appendfsync?: 'always' | 'everysec';
}

/**
 * Starts `redis-server` with AOF on (`appendfsync always` unless told otherwise, no RDB snapshots)
 * on a free loopback port and resolves once it answers PING. No mocked Redis: tests of
 * Redis-backed stores run against this.
 *
 * @example
 * const redis = await startRedisTestServer();
 * const store = await RedisRoundStore.connect(redis.url);
 * await redis.stop();
 */
export async function startRedisTestServer(options: RedisTestServerOptions = {}): Promise<RedisTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'edgefl-redis-'));
  const fsync = options.appendfsync ?? 'always';
  const launched = await launchOnFreePort(dir, fsync);
  const port = launched.port;
  let child = launched.child;
  const stopChild = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async restart(signal: NodeJS.Signals = 'SIGKILL') {
      await stopChild(signal);
      child = await launch(port, dir, fsync);
    },
    async halt(signal: NodeJS.Signals = 'SIGKILL') {
      await stopChild(signal);
    },
    async resume() {
      if (child.exitCode === null && child.signalCode === null)
        throw new Error('redis-server is running: halt() it first');
      child = await launch(port, dir, fsync);
    },
    async stop() {
      await stopChild('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    async connections() {
      const asking = new Redis(port, '127.0.0.1');
      try {
        return (
          String(await asking.client('LIST'))
            .trim()
            .split('\n').length - 1
        );
      } finally {
        asking.disconnect();
      }
    },
  };
}

/**
 * `redis-server` cannot bind port 0 and report the port it got (0 turns TCP off), so the port is
 * found free first and may be taken by another process before redis binds it: then it exits with
 * "Address already in use" and the next free port is tried.
 */
async function launchOnFreePort(
  dir: string,
  fsync: 'always' | 'everysec',
): Promise<{ port: number; child: ChildProcess }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    try {
      return { port, child: await launch(port, dir, fsync) };
    } catch (error) {
      if (attempt >= 5 || !/Address already in use/.test((error as Error).message)) throw error;
    }
  }
}

async function launch(port: number, dir: string, fsync: 'always' | 'everysec'): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    fsync,
    '--save',
    '',
    '--daemonize',
    'no',
    '--loglevel',
    'notice',
  ];
  const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      log += chunk.toString('utf8');
      if (log.includes('Ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) =>
      reject(new Error(`${REDIS_SERVER} could not start (install Debian's redis-server): ${error.message}`)),
    );
    child.once('exit', (code, signal) =>
      reject(new Error(`${REDIS_SERVER} exited (${code ?? signal}) before it was ready:\n${log}`)),
    );
  });
  await ready;
  await ping(port);
  return child;
}

/** Sends PING over a raw socket and resolves on +PONG. */
function ping(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (!reply.includes('\r\n')) return;
      socket.end();
      if (reply.startsWith('+PONG')) resolve();
      else reject(new Error(`redis-server answered PING with ${JSON.stringify(reply)}`));
    });
    socket.on('error', reject);
  });
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}
