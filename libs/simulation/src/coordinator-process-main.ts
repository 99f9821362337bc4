// The simulator's coordinator in a process of its own (coordinator-process.ts starts it): this
// process holds the server end of every client socket, the simulator only the client end.
import { Coordinator, createModelEvaluator } from '@edgefl/coordinator';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import { initializeBackend } from '@edgefl/runtime/node';
import type {
  CoordinatorProcessReply,
  CoordinatorProcessRequest,
  ForwardedEvent,
} from './coordinator-process-messages';
import { closeThenDisconnect } from './close-then-disconnect';
import { loadSimulationData } from './simulation-data';

const FORWARDED: readonly ForwardedEvent[] = ['evaluation', 'round-end', 'round-start', 'update-accepted'];
let coordinator: Coordinator | undefined;
const store = new MemoryRoundStore();

function reply(message: CoordinatorProcessReply): void {
  // After the channel closed (a failed close disconnects first) a send would raise an uncaught 'error'.
  if (process.connected) process.send?.(message);
}

async function start(request: Extract<CoordinatorProcessRequest, { type: 'start' }>): Promise<void> {
  await initializeBackend({ backend: request.backend });
  const model = request.config.model;
  const evaluate =
    request.evaluateWith && model
      ? createModelEvaluator(model, loadSimulationData(request.evaluateWith).test)
      : undefined;
  const started = new Coordinator({ config: request.config, store, evaluate });
  coordinator = started;
  for (const event of FORWARDED) {
    started.on(event, (...args: unknown[]) => reply({ type: 'event', event, args } as CoordinatorProcessReply));
  }
  const { url } = await started.listen();
  reply({ type: 'listening', url, config: started.config });
}

async function handle(request: CoordinatorProcessRequest): Promise<void> {
  switch (request.type) {
    case 'start':
      return start(request);
    case 'wait-for-clients':
      return reply({ type: 'clients', all: await started().waitForClients(request.count, request.timeoutMs) });
    case 'run': {
      const summary = await started().run();
      return reply({
        type: 'done',
        weights: summary.weights,
        modelVersion: summary.modelVersion,
        attempts: await store.rounds(),
        ...(summary.budgetSpent === undefined ? {} : { budgetSpent: summary.budgetSpent }),
      });
    }
    case 'close':
      return closeThenDisconnect(
        () => coordinator?.close() ?? Promise.resolve(),
        () => process.disconnect?.(),
      );
    default: {
      const unknown: never = request;
      throw new TypeError(`unknown request ${JSON.stringify(unknown)}`);
    }
  }
}

function started(): Coordinator {
  if (!coordinator) throw new Error('the coordinator process was not started');
  return coordinator;
}

process.on('message', (request: CoordinatorProcessRequest) => {
  handle(request).catch((error: Error) => reply({ type: 'failed', message: error.stack ?? error.message }));
});
// The simulator went away: nothing is left to serve.
process.on('disconnect', () => {
  void (coordinator?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
