import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { closeWithDeadline } from './close-with-deadline';

describe('closeWithDeadline', () => {
  it('closes gracefully when nothing is open, and destroys a half-sent request at the deadline', async () => {
    const idle = createServer();
    await new Promise<void>((done) => idle.listen(0, '127.0.0.1', done));
    expect(await closeWithDeadline(idle, new Promise<void>((done) => idle.close(() => done())), 60_000)).toBe(
      'graceful',
    );

    const server = createServer(() => undefined);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const slow = connect({ host: '127.0.0.1', port });
    await new Promise<void>((done) => slow.once('connect', () => done()));
    slow.write('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const slowClosed = new Promise<void>((done) => slow.once('close', () => done()));
    expect(await closeWithDeadline(server, new Promise<void>((done) => server.close(() => done())), 50)).toBe('forced');
    await slowClosed;
  });
});
