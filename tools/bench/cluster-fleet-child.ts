/**
 * A child process of the cluster bench holding a share of its clients (`ForkedFleet`): it gets
 * one `start` message (URLs, client indices, options) over IPC, opens those clients with a
 * `BenchFleet` of its own, forwards every client event to the parent and answers `connected` once
 * all are welcomed. It stops its clients on `stop` or when the parent goes away.
 */
import { BenchFleet } from './cluster-fleet';
import type { ForkedFleetReply, ForkedFleetStart } from './cluster-fleet-forks';

function send(reply: ForkedFleetReply): void {
  process.send?.(reply);
}

let fleet: BenchFleet | undefined;

process.on('message', (message: ForkedFleetStart | { kind: 'stop' }) => {
  if (message.kind === 'stop') {
    fleet?.stop();
    process.disconnect();
    return;
  }
  const current = new BenchFleet({
    secure: message.secure,
    delayMs: message.delayMs,
    samples: message.samples,
    onEvent: (event) => send({ kind: 'event', event }),
  });
  fleet = current;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < message.indices.length) {
      const i = message.indices[next++];
      await current.add(message.urls[i % message.urls.length], i % message.urls.length, `${message.prefix}-${i}`);
    }
  };
  Promise.all(Array.from({ length: Math.min(message.inFlight, message.indices.length) }, lane)).then(
    () => send({ kind: 'connected' }),
    (error: Error) => send({ kind: 'failed', message: error.message }),
  );
});
process.on('disconnect', () => {
  fleet?.stop();
  setImmediate(() => process.exit(0));
});
