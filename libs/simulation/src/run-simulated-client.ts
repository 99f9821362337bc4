import { io } from 'socket.io-client';
import { FederatedClient, TfjsTrainer, generateIdentity } from '@edgefl/client';
import type { LocalTrainer } from '@edgefl/client';
import { SECURE_CLIENT_STAGES } from '@edgefl/protocol';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { LOCAL_RESOURCE_ERRORS, connectFailureReason } from './connect-failure-reason';
import { CorruptingTrainer } from './corrupting-trainer';
import { LightTrainer } from './light-trainer';
import { simulatedClientOptions } from './simulated-client-options';
import type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';
import { StragglingTrainer } from './straggling-trainer';

const REJOIN_DELAY_MS = 300;

/** How a simulated client's first connection went: welcomed, or given up with a reason (connectFailureReason). */
export type ConnectOutcome =
  { clientId: string; connected: true } | { clientId: string; connected: false; reason: string };

/**
 * Runs one simulated device against the coordinator until the run ends: a real
 * {@link FederatedClient} over a real socket, which vanishes mid-round (and rejoins a moment
 * later with the same id and identity key, as the coordinator binds an id to its key), straggles
 * or corrupts its update as its spec says. `signal` makes it leave for good.
 *
 * `onConnect` hears once how its first connection went. A client that is never welcomed returns
 * with `connectFailure` instead of throwing: at once on an error of this process (EMFILE...,
 * LOCAL_RESOURCE_ERRORS), else when the SDK's retry budget is spent or the coordinator refuses it.
 */
export async function runSimulatedClient(
  spec: SimulatedClientSpec,
  url: string,
  signal: AbortSignal,
  onConnect: (outcome: ConnectOutcome) => void = () => undefined,
): Promise<SimulatedClientStats> {
  const stats: SimulatedClientStats = {
    clientId: spec.clientId,
    backend: '',
    roundsParticipated: 0,
    dropouts: 0,
    rejections: 0,
    bytesSent: 0,
  };
  // The device's long-term key: it outlives the connections, as a device's secure storage would.
  const identity = generateIdentity();
  let welcomed = false;
  let lastConnectError: unknown;
  while (!signal.aborted) {
    const trainer = trainerFor(spec);
    let localFailure = false;
    const client: FederatedClient = new FederatedClient({
      ...simulatedClientOptions(spec, url, identity, trainer),
      // Watches connect errors to name them: out of file descriptors, retrying only spends time.
      connect: (target, options) => {
        const socket = io(target, options);
        socket.on('connect_error', (error) => {
          lastConnectError = error;
          const reason = connectFailureReason(error);
          if (!welcomed && LOCAL_RESOURCE_ERRORS.has(reason)) {
            localFailure = true;
            void client.stop();
          }
        });
        return socket;
      },
    });
    client.on('connected', () => {
      if (welcomed) return;
      welcomed = true;
      onConnect({ clientId: spec.clientId, connected: true });
    });
    let vanished = false;
    const vanish = (): void => {
      vanished = true;
      stats.dropouts++;
      client.stop();
    };
    client.on('round-start', ({ roundId, secure }) => {
      const rng = new SeededRandom(deriveSeed(spec.seed, 'dropout', roundId));
      if (rng.nextFloat() >= spec.dropout) return;
      if (secure) {
        // Vanish at a random stage of the secure round, right before sending that stage's message.
        const stage = SECURE_CLIENT_STAGES[rng.nextInt(SECURE_CLIENT_STAGES.length)];
        client.on('secure-stage', (info) => {
          if (info.roundId === roundId && info.stage === stage && !vanished) vanish();
        });
        return;
      }
      // Vanish as local training starts, as a device losing its network would: always before the upload,
      // so which clients drop is the seed's decision, not a race with a fast trainer.
      vanish();
    });
    client.on('update-sent', ({ bytes }) => {
      stats.bytesSent += bytes;
    });
    client.on('error', () => {
      stats.rejections++;
    });
    const leave = (): void => void client.stop();
    signal.addEventListener('abort', leave, { once: true });
    let summary;
    try {
      summary = await client.run().finally(() => signal.removeEventListener('abort', leave));
    } catch (error) {
      // Refused at hello, or the retry budget spent: before a welcome that is a failed connection.
      if (welcomed) throw error;
      return failedToConnect(stats, spec, onConnect, connectFailureReason(error));
    }
    if (!welcomed && (localFailure || lastConnectError !== undefined))
      return failedToConnect(stats, spec, onConnect, connectFailureReason(lastConnectError));
    stats.roundsParticipated += summary.roundsParticipated;
    stats.backend = trainer.backend;
    if (!vanished) return stats;
    await new Promise((resolve) => setTimeout(resolve, REJOIN_DELAY_MS));
  }
  return stats;
}

function failedToConnect(
  stats: SimulatedClientStats,
  spec: SimulatedClientSpec,
  onConnect: (outcome: ConnectOutcome) => void,
  reason: string,
): SimulatedClientStats {
  onConnect({ clientId: spec.clientId, connected: false, reason });
  return { ...stats, connectFailure: reason };
}

function trainerFor(spec: SimulatedClientSpec): LocalTrainer {
  let trainer: LocalTrainer = spec.lightDelayMs === undefined ? new TfjsTrainer() : new LightTrainer(spec.lightDelayMs);
  if (spec.badActor) trainer = new CorruptingTrainer(trainer);
  if (spec.straggle > 0) {
    trainer = new StragglingTrainer(
      trainer,
      (task) => new SeededRandom(deriveSeed(spec.seed, 'straggle', task.roundId)).nextFloat() < spec.straggle,
      spec.roundTimeoutMs + 500,
    );
  }
  return trainer;
}
