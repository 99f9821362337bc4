import { silentLogger } from './coordinator-logger';
import { NodePartialSum } from './node-partial-sum';
import { RemotePartialCollector } from './remote-partial-collector';
import type { RemoteContributions } from './remote-partial-collector';
import { testRoundState } from './testing/test-round-state';

describe('RemotePartialCollector', () => {
  it("folds the partial of a node that answers and withdraws the clients of one that does not, so the round's counts stay exact", async () => {
    const state = testRoundState();
    const length = state.globalWeights.length;
    const held = new NodePartialSum(state.roundId, 'node-1', length);
    held.hold('phone-1', new Float32Array(length).fill(1), { clientId: 'phone-1', numSamples: 4, weight: 4, loss: 2 });
    held.hold('phone-2', new Float32Array(length).fill(3), { clientId: 'phone-2', numSamples: 4, weight: 4, loss: 2 });
    state.reported.push('phone-0', 'phone-1', 'phone-2', 'phone-3');
    state.trainLossSum = 4 * 2 + 4 * 2 + 2 * 5;
    state.trainLossWeight = 10;
    const remote: RemoteContributions = new Map([
      [
        'node-1',
        new Map([
          ['phone-1', { weight: 4, loss: 2 }],
          ['phone-2', { weight: 4, loss: 2 }],
        ]),
      ],
      ['node-2', new Map([['phone-3', { weight: 2, loss: 5 }]])],
    ]);
    const asked: Array<[string, string[]]> = [];
    const collector = new RemotePartialCollector(
      (nodeId, roundId, accepted) => {
        asked.push([nodeId, accepted]);
        // node-1 answers at once (as the relay would); node-2 is gone.
        if (nodeId === 'node-1') queueMicrotask(() => collector.receive(held.partial(accepted)));
      },
      silentLogger,
      50,
    );
    await collector.collect(state, remote, new AbortController().signal);
    expect(asked).toEqual([
      ['node-1', ['phone-1', 'phone-2']],
      ['node-2', ['phone-3']],
    ]);
    expect(state.sum.totalWeight).toBe(8);
    expect(state.sum.weightedSum[0]).toBe(4 * 1 + 4 * 3);
    expect(state.reported).toEqual(['phone-0', 'phone-1', 'phone-2']);
    expect([...state.dropped]).toEqual(['phone-3']);
    expect([state.trainLossSum, state.trainLossWeight]).toEqual([16, 8]);
  });
});
