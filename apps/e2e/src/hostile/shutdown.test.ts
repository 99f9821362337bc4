import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { CoordinatorCli } from '../support/coordinator-cli';

const SLOWLORIS = 20;
/** How long the test waits for the exit: several times the default 5 s deadline, far below the 150 s seen before. */
const EXIT_BOUND_MS = 30_000;

/** Opens a TCP connection that sends the start of an HTTP request and never finishes its headers. */
function slowloris(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      resolve({ socket, closed: new Promise((done) => socket.once('close', () => done())) });
    });
    socket.once('error', reject);
  });
}

/**
 * Issue 15, item 7: twenty half-sent HTTP requests kept the process alive 150 s after SIGTERM.
 * Now shutdown has a deadline (default 5 s) after which what is left is destroyed.
 */
describe('hostile network: shutdown (issue 15, item 7)', () => {
  it('exits on SIGTERM while slowloris connections hold half-sent requests, closing them', async () => {
    const cli = new CoordinatorCli(['--rounds', '1', '--per-round', '1', '--min-reports', '1']);
    const held: Array<{ socket: Socket; closed: Promise<void> }> = [];
    try {
      const port = Number(new URL(await cli.ready).port);
      for (let i = 0; i < SLOWLORIS; i++) held.push(await slowloris(port));
      // Keep trickling header bytes, as a slowloris client does.
      const trickle = setInterval(() => held.forEach(({ socket }) => socket.writable && socket.write('a')), 500);
      cli.signal('SIGTERM');
      let bound: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        cli.exited,
        new Promise<'still running'>((done) => {
          bound = setTimeout(() => done('still running'), EXIT_BOUND_MS);
        }),
      ]);
      clearTimeout(bound);
      clearInterval(trickle);
      expect(outcome).toEqual({ code: 0, signal: null });
      await Promise.all(held.map(({ closed }) => closed));
      expect(cli.lines.some((line) => line.includes('"msg":"shutting down"'))).toBe(true);
    } finally {
      for (const { socket } of held) socket.destroy();
      await cli.kill();
    }
  });
});
