import { modelHash } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { applyQuantizedDelta, decodeQuantizedUpdate } from '@edgefl/quantization';
import { SeededRandom } from '@edgefl/random';
import { DEFAULT_DOWNLINK } from './downlink-config';
import { DownlinkPlanner } from './downlink-planner';

const PARAMS = 5_000;

function taskFor(version: number): TaskMessage {
  return {
    type: 'task',
    runId: 'run',
    roundId: `run/${version + 1}/1`,
    round: version + 1,
    attempt: 1,
    modelVersion: version,
    model: { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 },
    weights: new Uint8Array([1, 2, 3]),
    training: { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' },
    encoding: { kind: 'float32' },
    timeoutMs: 1000,
    seed: version,
  };
}

/** What a client does with a task: keep full weights as its base, or rebuild from the delta and check the hash. */
class Client {
  base?: { version: number; weights: Float32Array };
  receive(task: TaskMessage, full: Float32Array): Float32Array {
    if (task.weights) {
      this.base = { version: task.modelVersion, weights: full.slice() };
      return this.base.weights;
    }
    const downlink = task.downlink;
    if (!downlink || !this.base) throw new Error('no base');
    expect(downlink.baseVersion).toBe(this.base.version);
    expect(downlink.baseHash).toBe(modelHash(this.base.weights));
    const rebuilt = applyQuantizedDelta(this.base.weights, downlink.delta);
    expect(modelHash(rebuilt)).toBe(downlink.modelHash);
    return rebuilt;
  }
}

describe('DownlinkPlanner', () => {
  it("over 50 rounds, every delta rebuilds the coordinator's model within the stated bound (one grid step), without drift", () => {
    const rng = new SeededRandom(3);
    const planner = new DownlinkPlanner(DEFAULT_DOWNLINK, 9);
    let global = Float32Array.from({ length: PARAMS }, () => (rng.nextFloat() - 0.5) * 0.4);
    // "every": in every round; "sometimes": every 7th; "late": joins at round 20.
    const clients = { every: new Client(), sometimes: new Client(), late: new Client() };
    const participates = {
      every: () => true,
      sometimes: (v: number) => v % 7 === 3,
      late: (v: number) => v >= 20 && v % 2 === 0,
    };
    let deltas = 0;
    let worstError = 0;
    for (let version = 0; version < 50; version++) {
      const task = taskFor(version);
      for (const [id, client] of Object.entries(clients) as Array<[keyof typeof clients, Client]>) {
        if (!participates[id](version)) continue;
        const sent = planner.personalize(task, id, global, true);
        const rebuilt = client.receive(sent, global);
        if (sent.downlink) {
          deltas++;
          expect(sent.weights).toBeUndefined();
          // The stated bound holds, and is itself within one grid step of the delta's own ranges.
          const q = decodeQuantizedUpdate(sent.downlink.delta);
          const step = Math.max(...q.steps);
          let error = 0;
          for (let i = 0; i < PARAMS; i++) error = Math.max(error, Math.abs(rebuilt[i] - global[i]));
          expect(error).toBeLessThanOrEqual(sent.downlink.maxError);
          expect(sent.downlink.maxError).toBeLessThanOrEqual(step * (1 + 1e-6) + 1e-7);
          worstError = Math.max(worstError, error);
          // About one byte per parameter at 8 bits.
          expect(sent.downlink.delta.byteLength).toBeLessThan(1.02 * PARAMS);
        } else {
          expect(Array.from(rebuilt.subarray(0, 3))).toEqual(Array.from(global.subarray(0, 3)));
        }
        planner.reported(id, task.roundId);
      }
      // A training-like round: every weight moves by up to 0.01.
      global = Float32Array.from(global, (w) => w + (rng.nextFloat() - 0.5) * 0.02);
    }
    expect(deltas).toBeGreaterThan(50);
    // No drift: the error after 50 rounds is a single quantization error, far below 50 of them.
    expect(worstError).toBeLessThan(0.01);
  });

  it('sends the full model until the client reported, after it reconnected, when its base is too old, or when it cannot take deltas', () => {
    const planner = new DownlinkPlanner({ ...DEFAULT_DOWNLINK, maxLag: 3 }, 1);
    const weights = new Float32Array(10).fill(0.5);
    expect(planner.personalize(taskFor(0), 'a', weights, true).weights).toBeDefined();
    expect(planner.personalize(taskFor(1), 'a', weights, true).weights).toBeDefined(); // never reported
    planner.reported('a', taskFor(1).roundId);
    expect(planner.personalize(taskFor(2), 'a', weights, true).downlink?.baseVersion).toBe(1);
    expect(planner.personalize(taskFor(4), 'a', weights, true).downlink?.baseVersion).toBe(1);
    expect(planner.personalize(taskFor(5), 'a', weights, true).weights).toBeDefined(); // 4 versions behind
    planner.reported('a', taskFor(5).roundId);
    planner.forget('a');
    expect(planner.personalize(taskFor(6), 'a', weights, true).weights).toBeDefined();
    expect(planner.personalize(taskFor(6), 'b', weights, false)).toEqual(taskFor(6));
    expect(planner.tracked).toBe(0);
  });

  it('gives clients the same task object when they get the same thing (full model, or a delta from one base)', () => {
    const planner = new DownlinkPlanner(DEFAULT_DOWNLINK, 1);
    const weights = new Float32Array(10).fill(0.5);
    for (const clientId of ['a', 'b', 'c']) planner.personalize(taskFor(0), clientId, weights, true);
    planner.reported('a', taskFor(0).roundId);
    planner.reported('b', taskFor(0).roundId);
    const next = taskFor(1);
    const moved = weights.map((value) => value + 0.25);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((clientId) => planner.personalize(next, clientId, moved, true));
    expect(a.downlink?.baseVersion).toBe(0);
    expect(b).toBe(a);
    expect(c).toBe(next); // never reported: the full model
    expect(d).toBe(next);
    expect(planner.personalize(taskFor(1), 'a', moved, true)).not.toBe(a); // another task object
  });
});

describe('DownlinkPlanner memory', () => {
  it('stays bounded over many rounds with clients that vanish: entries more than maxLag versions behind, and the versions only they held, are dropped', () => {
    const maxLag = 3;
    const planner = new DownlinkPlanner({ ...DEFAULT_DOWNLINK, maxLag }, 1);
    const rng = new SeededRandom(5);
    let weights = Float32Array.from({ length: 64 }, () => rng.nextFloat());
    for (let version = 0; version < 200; version++) {
      const task = taskFor(version);
      // Each round, 4 new clients: 2 report (a base) and 2 never do (a pending full model); none comes back.
      for (let i = 0; i < 4; i++) {
        const clientId = `c-${version}-${i}`;
        planner.personalize(task, clientId, weights, true);
        if (i < 2) planner.reported(clientId, task.roundId);
      }
      // A client that stays delta-fed (reports every round) keeps its base within maxLag.
      planner.personalize(task, 'steady', weights, true);
      planner.reported('steady', task.roundId);
      weights = Float32Array.from(weights, (w) => w + 0.001);
      expect(planner.tracked).toBeLessThanOrEqual(2 * (maxLag + 1) + 1);
      const held = planner.footprint;
      // Entries of the last maxLag + 1 versions at most, plus the steady client's.
      expect(held.bases).toBeLessThanOrEqual(2 * (maxLag + 1) + 1);
      expect(held.pending).toBeLessThanOrEqual(2 * (maxLag + 1) + 1);
      expect(held.versions).toBeLessThanOrEqual(maxLag + 1);
    }
    // The steady client keeps its base: a delta (its base, of version 196, is 3 behind 199).
    expect(planner.personalize(taskFor(199), 'steady', weights, true).downlink).toBeDefined();
  });
});
