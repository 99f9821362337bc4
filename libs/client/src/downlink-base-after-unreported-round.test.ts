import type { Socket } from 'socket.io';
import { modelHash } from '@edgefl/protocol';
import { SeededRandom } from '@edgefl/random';
import { FederatedClient } from './federated-client';
import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from './local-trainer';
import { downlinkTaskScript } from './testing/downlink-task-script';
import { scriptedCoordinator } from './testing/scripted-coordinator';
import type { ScriptedCoordinator } from './testing/scripted-coordinator';

const { parameters: PARAMS, data: DATA, task, full, deltaFrom } = downlinkTaskScript;

/** A zero delta at once, except in round 2, whose training only ends when the round is stopped. */
class RoundTwoStallsTrainer implements LocalTrainer {
  readonly backend = 'zero';
  readonly startedFrom = new Map<string, Float32Array>();
  async train(task: LocalTrainingTask): Promise<LocalTrainingResult> {
    this.startedFrom.set(task.roundId, task.weights.slice());
    if (task.roundId === 'run/2/1') {
      await new Promise<void>((resolve) => {
        if (task.signal.aborted) resolve();
        else task.signal.addEventListener('abort', () => resolve());
      });
      throw new Error('stopped');
    }
    return { delta: new Float32Array(task.weights.length), numSamples: 1, metrics: { loss: 0, accuracy: 0 } };
  }
  dispose(): void {
    // Holds nothing.
  }
}

const rng = new SeededRandom(11);
const v0 = Float32Array.from({ length: PARAMS }, () => rng.nextFloat() - 0.5);
const v1 = Float32Array.from(v0, (w) => w + (rng.nextFloat() - 0.5) * 0.02);
const v2 = Float32Array.from(v1, (w) => w + (rng.nextFloat() - 0.5) * 0.02);
/** Round 3's task as the coordinator builds it: the client reported last in round 1, so its base is round 1's model. */
const fromRoundOne = deltaFrom(0, v0, v2);

/**
 * The coordinator's rule (a full model becomes the base once the client reports in its round):
 * round 1, the full model v0, the client reports; round 2, the full model v1 then goal-met before
 * the client reports; round 3, a delta from v0, the recorded base; then run-end.
 */
function script(updates: string[]): (socket: Socket) => void {
  return (socket) => {
    socket.on('update', (update: { roundId: string }, ack: (reply: object) => void) => {
      updates.push(update.roundId);
      ack({ type: 'accepted', roundId: update.roundId });
      if (update.roundId === 'run/1/1') {
        socket.emit('task', task(2, { weights: full(v1) }));
        socket.emit('goal-met', { type: 'goal-met', roundId: 'run/2/1', round: 2 });
        socket.emit('task', task(3, { downlink: fromRoundOne }));
      }
      if (update.roundId === 'run/3/1')
        socket.emit('run-end', { type: 'run-end', runId: 'run', reason: 'completed', modelVersion: 3, rounds: 3 });
    });
    socket.emit('task', task(1, { weights: full(v0) }));
  };
}

describe('FederatedClient: a full model received in a round it did not report in', () => {
  let coordinator: ScriptedCoordinator | undefined;
  afterEach(async () => {
    await coordinator?.close();
    coordinator = undefined;
  });

  it("still applies a delta from the full model of the last round it reported in (the coordinator's base): trains and uploads", async () => {
    const updates: string[] = [];
    coordinator = await scriptedCoordinator(script(updates));
    const trainer = new RoundTwoStallsTrainer();
    const client = new FederatedClient({ url: coordinator.url, data: DATA, trainer, connection: { retries: 0 } });
    const skipped: string[] = [];
    const goalMet: string[] = [];
    client.on('round-skipped', (info) => {
      // The run would wait for an upload that never comes: end it, for the assertions to say why.
      skipped.push(info.roundId);
      void client.stop();
    });
    client.on('goal-met', (message) => goalMet.push(message.roundId));
    const summary = await client.run();
    expect(skipped).toEqual([]);
    expect(goalMet).toEqual(['run/2/1']);
    expect(updates).toEqual(['run/1/1', 'run/3/1']);
    expect(summary).toMatchObject({ reason: 'completed', roundsParticipated: 2 });
    // Round 3 trained from the model the coordinator rebuilt from round 1's full model.
    const roundThree = trainer.startedFrom.get('run/3/1');
    expect(roundThree && modelHash(roundThree)).toBe(fromRoundOne.modelHash);
  });
});
