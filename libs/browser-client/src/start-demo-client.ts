import { FederatedClient, TfjsTrainer } from '@edgefl/client';
import type { ClientIdentity, ClientRunSummary } from '@edgefl/client';
import { makeProceduralDataset } from '@edgefl/datasets';
import type { DemoClientState } from './demo-client-state';
import { initializeBrowserBackend } from './initialize-browser-backend';
import { ProceduralDataTrainer } from './procedural-data-trainer';

/** Options of {@link startDemoClient}. */
export interface DemoClientOptions {
  /** The coordinator's URL (the page's own origin in the demo). */
  url: string;
  /** URL prefix of tfjs's `.wasm` binaries, ending in `/`. */
  wasmPaths: string;
  /** Local procedural examples (default 64). */
  examples?: number;
  /** Seeds the local examples (default 1). */
  seed?: number;
  /** Reuse an id the coordinator gave this device before. */
  clientId?: string;
  /**
   * The identity key the id was enrolled with: the coordinator binds a client id to the first key
   * it proves, so a reused `clientId` needs its identity too. Generated for the page when absent.
   */
  identity?: ClientIdentity;
  /** Called with a fresh snapshot after every change. */
  onState?: (state: DemoClientState) => void;
}

/** A running demo client. */
export interface DemoClient {
  readonly client: FederatedClient;
  /** The latest snapshot. */
  state(): DemoClientState;
  /** Settles when the run ends, the client stops or the coordinator refuses it. */
  readonly finished: Promise<ClientRunSummary>;
  /** Leaves the run. */
  stop(): void;
}

const DEFAULT_EXAMPLES = 64;
const MAX_ERRORS = 20;
// The state's first shape, before any model is known: the reference model's input.
const DEFAULT_SHAPE: [number, number, number] = [28, 28, 1];

/**
 * Starts tfjs on wasm, makes a small seeded procedural dataset (regenerated to fit the shape of
 * the model each task names) and joins the coordinator at `url` as an ordinary
 * {@link FederatedClient} training with `TfjsTrainer`.
 *
 * @example
 * const demo = await startDemoClient({ url: location.origin, wasmPaths: `${location.origin}/demo/`, onState: render });
 * await demo.finished;
 */
export async function startDemoClient(options: DemoClientOptions): Promise<DemoClient> {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object with url and wasmPaths');
  const { url, wasmPaths, examples = DEFAULT_EXAMPLES, seed = 1, clientId, identity, onState } = options;
  if (typeof url !== 'string' || url.length === 0) throw new TypeError('options.url must be a non-empty string');
  if (!Number.isInteger(examples) || examples < 1)
    throw new RangeError(`options.examples must be a positive integer, got ${examples}`);
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`options.seed must be a non-negative integer, got ${seed}`);
  if (clientId !== undefined && (typeof clientId !== 'string' || clientId.length === 0))
    throw new TypeError('options.clientId must be a non-empty string');
  if (onState !== undefined && typeof onState !== 'function') throw new TypeError('options.onState must be a function');

  let state: DemoClientState = {
    status: 'starting',
    url,
    backend: null,
    wasmError: null,
    clientId: clientId ?? null,
    seed,
    examples,
    round: null,
    roundsParticipated: 0,
    modelVersion: null,
    progress: null,
    lastUpdate: null,
    lastRoundOutcome: null,
    errors: [],
  };
  const update = (change: Partial<DemoClientState>): void => {
    state = { ...state, ...change };
    onState?.(state);
  };
  update({});

  const { backend, wasmError } = await initializeBrowserBackend({ wasmPaths });
  update({ backend, wasmError: wasmError ?? null, status: 'connecting' });

  const trainer = new ProceduralDataTrainer({ trainer: new TfjsTrainer(), count: examples, seed });
  const data = makeProceduralDataset({ count: examples, seed, shape: DEFAULT_SHAPE });
  const client = new FederatedClient({ url, data, trainer, clientId, identity, platform: 'browser-demo' });
  client.on('connected', (info) => update({ status: 'connected', clientId: info.clientId }));
  client.on('disconnected', () => update({ status: 'disconnected', progress: null }));
  client.on('round-start', ({ round }) => update({ status: 'training', round, progress: null }));
  client.on('progress', ({ epoch, step, steps, loss }) => update({ progress: { epoch, step, steps, loss } }));
  client.on('update-sent', ({ bytes, numSamples, loss }) =>
    update({
      status: 'waiting',
      roundsParticipated: state.roundsParticipated + 1,
      lastUpdate: { round: state.round, bytes, numSamples, loss },
    }),
  );
  client.on('round-end', ({ outcome, modelVersion }) =>
    update({
      status: state.status === 'training' || state.status === 'waiting' ? 'connected' : state.status,
      progress: null,
      lastRoundOutcome: outcome,
      modelVersion,
    }),
  );
  client.on('error', (error) => update({ errors: [...state.errors, error.message].slice(-MAX_ERRORS) }));

  const finished = client.run().then(
    (summary) => {
      update({ status: 'finished', modelVersion: summary.modelVersion ?? state.modelVersion });
      return summary;
    },
    (error: Error) => {
      update({ status: 'failed', errors: [...state.errors, error.message].slice(-MAX_ERRORS) });
      throw error;
    },
  );
  return { client, state: () => state, finished, stop: () => client.stop() };
}
