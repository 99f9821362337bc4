import { DownlinkBases } from '@edgefl/client';
import { DEFAULT_DOWNLINK, DownlinkPlanner } from '@edgefl/coordinator';
import { modelHash } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { SeededRandom } from '@edgefl/random';

function taskFor(version: number, round: number): TaskMessage {
  return {
    type: 'task',
    runId: 'run',
    roundId: `run/${round}/1`,
    round,
    attempt: 1,
    modelVersion: version,
    model: { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 },
    weights: new Uint8Array([1]),
    training: { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' },
    encoding: { kind: 'float32' },
    timeoutMs: 1000,
    seed: round,
  };
}

describe("the coordinator's DownlinkPlanner and the client's DownlinkBases", () => {
  it.each([1, 3, 30])(
    'agree on every base over 400 rounds of random selection, reports, refusals, lost acks and reconnections (maxLag %i)',
    (maxLag) => {
      const rng = new SeededRandom(maxLag);
      const planner = new DownlinkPlanner({ ...DEFAULT_DOWNLINK, maxLag }, 1);
      const clients = new Map(['a', 'b', 'c', 'd'].map((id) => [id, new DownlinkBases()]));
      let version = 0;
      let deltas = 0;
      const unnamed: string[] = [];
      for (let round = 1; round <= 400; round++) {
        const weights = Float32Array.of(version * 0.01, 1 - version * 0.01, 0.5);
        const task = taskFor(version, round);
        for (const [id, bases] of clients) {
          if (rng.nextFloat() < 0.3) continue; // not selected
          if (rng.nextFloat() < 0.05) planner.forget(id); // a new connection
          const sent = planner.personalize(task, id, weights, true);
          if (sent.downlink) {
            deltas++;
            if (!bases.find(sent.downlink.baseVersion, sent.downlink.baseHash)) unnamed.push(`${id} ${task.roundId}`);
          } else {
            bases.received(task.roundId, version, weights);
            expect(bases.find(version, modelHash(weights))).toBe(weights);
          }
          const outcome = rng.nextFloat();
          if (outcome < 0.6) {
            // Accepted by the coordinator; the client reads the ack, or (1 in 12) never does.
            bases.reportSent(task.roundId);
            planner.reported(id, task.roundId);
            if (outcome < 0.55) bases.reportAccepted(task.roundId);
            else bases.reportFailed(task.roundId);
          } else if (outcome < 0.7) {
            // Sent but refused (late).
            bases.reportSent(task.roundId);
            bases.reportFailed(task.roundId);
          } // else: no report (goal met, dropped)
          expect(bases.heldVersions().length).toBeLessThanOrEqual(2);
        }
        if (rng.nextFloat() < 0.8) version++;
      }
      expect(deltas).toBeGreaterThan(300);
      expect(unnamed).toEqual([]);
    },
  );
});
