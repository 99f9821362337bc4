import { setMaxListeners } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { initializeBackend } from '@edgefl/runtime/node';
import { runSimulatedClient } from './run-simulated-client';
import type { WorkerReply, WorkerRequest } from './worker-messages';

// One tfjs runtime per worker; its clients share it, as clients in one thread do.
const leave = new AbortController();
setMaxListeners(0, leave.signal);
parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type === 'stop') return leave.abort();
  const reply = (message: WorkerReply): void => parentPort?.postMessage(message);
  initializeBackend({ backend: request.backend })
    .then(() =>
      Promise.all(
        request.specs.map((spec) =>
          runSimulatedClient(spec, request.url, leave.signal, (outcome) => reply({ type: 'connect', outcome })),
        ),
      ),
    )
    .then((stats) => reply({ type: 'done', stats }))
    .catch((error: Error) => reply({ type: 'failed', message: error.message }));
});
