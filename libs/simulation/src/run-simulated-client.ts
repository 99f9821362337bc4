import { FederatedClient, TfjsTrainer, generateIdentity } from '@edgefl/client';
import type { LocalTrainer } from '@edgefl/client';
import { SECURE_CLIENT_STAGES } from '@edgefl/protocol';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { CorruptingTrainer } from './corrupting-trainer';
import { LightTrainer } from './light-trainer';
import { simulatedClientOptions } from './simulated-client-options';
import type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';
import { StragglingTrainer } from './straggling-trainer';

const REJOIN_DELAY_MS = 300;

/**
 * Runs one simulated device against the coordinator until the run ends: a real
 * {@link FederatedClient} over a real socket, which vanishes mid-round (and rejoins a moment
 * later with the same id and identity key, as the coordinator binds an id to its key), straggles
 * or corrupts its update as its spec says. `signal` makes it leave for good.
 */
export async function runSimulatedClient(
  spec: SimulatedClientSpec,
  url: string,
  signal: AbortSignal,
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
  while (!signal.aborted) {
    const trainer = trainerFor(spec);
    const client = new FederatedClient(simulatedClientOptions(spec, url, identity, trainer));
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
    const summary = await client.run().finally(() => signal.removeEventListener('abort', leave));
    stats.roundsParticipated += summary.roundsParticipated;
    stats.backend = trainer.backend;
    if (!vanished) return stats;
    await new Promise((resolve) => setTimeout(resolve, REJOIN_DELAY_MS));
  }
  return stats;
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
