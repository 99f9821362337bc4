import type { Socket } from 'socket.io';
import { modelHash } from '@edgefl/protocol';
import { SeededRandom } from '@edgefl/random';
import { DownlinkMismatchError } from './downlink-receiver';
import { FederatedClient } from './federated-client';
import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from './local-trainer';
import { downlinkTaskScript } from './testing/downlink-task-script';
import { scriptedCoordinator } from './testing/scripted-coordinator';
import type { ScriptedCoordinator } from './testing/scripted-coordinator';

const { parameters: PARAMS, data: DATA, task, full, deltaFrom } = downlinkTaskScript;

/** Trains nothing: a zero delta, recording the weights each task started from. */
class ZeroTrainer implements LocalTrainer {
  readonly backend = 'zero';
  readonly startedFrom: Float32Array[] = [];
  async train(task: LocalTrainingTask): Promise<LocalTrainingResult> {
    this.startedFrom.push(task.weights.slice());
    return { delta: new Float32Array(task.weights.length), numSamples: 1, metrics: { loss: 0, accuracy: 0 } };
  }
  dispose(): void {
    // Holds nothing.
  }
}

const rng = new SeededRandom(7);
const v1 = Float32Array.from({ length: PARAMS }, () => rng.nextFloat() - 0.5);
const v2 = Float32Array.from(v1, (w) => w + (rng.nextFloat() - 0.5) * 0.02);
/** A delta from a base the client never received: it cannot rebuild the model. */
const unknownBase = deltaFrom(0, new Float32Array(PARAMS), v1);
const v2Delta = deltaFrom(1, v1, v2);
/** A delta whose rebuilt model does not hash to what the coordinator says. */
const wrongHash = { ...deltaFrom(1, v1, v2), modelHash: '0'.repeat(32) };

/**
 * Round 1: a delta from an unknown base (skipped), then goal-met for it; round 2: the full model;
 * round 3: a matching delta; round 4: a delta whose rebuilt hash differs (skipped); then run-end.
 */
function script(updates: string[]): (socket: Socket) => void {
  return (socket) => {
    socket.on('update', (update: { roundId: string }, ack: (reply: object) => void) => {
      updates.push(update.roundId);
      ack({ type: 'accepted', roundId: update.roundId });
      if (update.roundId === 'run/2/1') socket.emit('task', task(3, { downlink: v2Delta }));
      if (update.roundId === 'run/3/1') {
        socket.emit('task', task(4, { downlink: wrongHash }));
        socket.emit('goal-met', { type: 'goal-met', roundId: 'run/4/1', round: 4 });
        socket.emit('run-end', { type: 'run-end', runId: 'run', reason: 'completed', modelVersion: 4, rounds: 4 });
      }
    });
    socket.emit('task', task(1, { downlink: unknownBase }));
    socket.emit('goal-met', { type: 'goal-met', roundId: 'run/1/1', round: 1 });
    socket.emit('task', task(2, { weights: full(v1) }));
  };
}

describe('FederatedClient: a downlink delta it cannot use', () => {
  let coordinator: ScriptedCoordinator | undefined;
  afterEach(async () => {
    await coordinator?.close();
    coordinator = undefined;
  });

  it('skips the round (no upload, a round-skipped event, no error), stays in the run, and trains the next full or matching task', async () => {
    const updates: string[] = [];
    coordinator = await scriptedCoordinator(script(updates));
    const trainer = new ZeroTrainer();
    const client = new FederatedClient({ url: coordinator.url, data: DATA, trainer, connection: { retries: 0 } });
    const skipped: Array<{ roundId: string; error: Error }> = [];
    client.on('round-skipped', (info) => skipped.push(info));
    // No `error` listener: an `error` event would end the run.
    const summary = await client.run();
    expect(summary).toMatchObject({ reason: 'completed', roundsParticipated: 2 });
    expect(updates).toEqual(['run/2/1', 'run/3/1']);
    expect(skipped.map((s) => s.roundId)).toEqual(['run/1/1', 'run/4/1']);
    for (const s of skipped) expect(s.error).toBeInstanceOf(DownlinkMismatchError);
    // Round 2 trained from the full model, round 3 from the model rebuilt from the matching delta.
    expect(trainer.startedFrom).toHaveLength(2);
    expect(modelHash(trainer.startedFrom[0])).toBe(modelHash(v1));
    expect(modelHash(trainer.startedFrom[1])).toBe(v2Delta.modelHash);
  });

  it('leaves no round open: a goal-met for a skipped round is not emitted, and no error either', async () => {
    const updates: string[] = [];
    coordinator = await scriptedCoordinator(script(updates));
    const client = new FederatedClient({
      url: coordinator.url,
      data: DATA,
      trainer: new ZeroTrainer(),
      connection: { retries: 0 },
    });
    const goalMet: string[] = [];
    const errors: Error[] = [];
    client.on('goal-met', (message) => goalMet.push(message.roundId));
    client.on('error', (error) => errors.push(error));
    await expect(client.run()).resolves.toMatchObject({ reason: 'completed' });
    expect(goalMet).toEqual([]);
    expect(errors).toEqual([]);
    expect(updates).toEqual(['run/2/1', 'run/3/1']);
  });
});
