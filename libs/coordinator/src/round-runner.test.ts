import { EventEmitter } from 'node:events';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import { roundRecordFixture } from '@edgefl/coordinator-store/testing';
import { countParameters } from '@edgefl/models';
import { ErrorCode, encodeFloat32Vector } from '@edgefl/protocol';
import type { TaskMessage, UpdateMessage } from '@edgefl/protocol';
import type { CoordinatorConfigInput } from './coordinator-config';
import type { CoordinatorEvents } from './coordinator-events';
import { RoundRunner } from './round-runner';
import { FedAvgStrategy } from '@edgefl/aggregation';
import { decodeSecureSum } from '@edgefl/quantization';
import { SecureTestCohort } from './testing/secure-test-cohort';
import { TEST_SECURE, sumMod, testSecureInput } from './testing/secure-test-round';
import { NO_TRAFFIC, TINY_MODEL, testRoundContext } from './testing/test-round-context';

const P = countParameters(TINY_MODEL);

/** An in-memory run: a runner over a recording channel, and clients that answer each task with their delta. */
function inMemoryRun(config: CoordinatorConfigInput, clients: Record<string, { delta: number; samples: number }>) {
  const { context, channel, stop } = testRoundContext({
    secure: false,
    rounds: 2,
    clientsPerRound: Object.keys(clients).length,
    overSelection: 1,
    minReports: 2,
    stageGraceFactor: 0,
    retryDelayMs: 0,
    ...config,
  });
  const store = new MemoryRoundStore();
  const events = new EventEmitter<CoordinatorEvents>();
  const runner = new RoundRunner({
    context,
    store,
    traffic: NO_TRAFFIC,
    events,
    initialWeights: async () => new Float32Array(P).fill(0.5),
  });
  const updateFor = (clientId: string, task: TaskMessage): UpdateMessage => ({
    type: 'update',
    roundId: task.roundId,
    modelVersion: task.modelVersion,
    numSamples: clients[clientId].samples,
    encoding: { kind: 'float32' },
    payload: encodeFloat32Vector(new Float32Array(P).fill(clients[clientId].delta)),
  });
  const answering = new Set(Object.keys(clients));
  channel.onSend = (sent) => {
    if (sent.event !== 'task' || !answering.has(sent.to)) return;
    const update = updateFor(sent.to, sent.message);
    setImmediate(() => runner.update(sent.to, update));
  };
  for (const clientId of Object.keys(clients)) channel.connect(clientId);
  return { runner, store, events, channel, stop, answering, updateFor };
}

describe('RoundRunner (in memory, no sockets)', () => {
  it('runs every round through the channel: tasks out, updates in, FedAvg committed, round-end to the cohort, run-end to all', async () => {
    const { runner, store, events, channel } = inMemoryRun(
      {},
      { a: { delta: 0.1, samples: 1 }, b: { delta: 0.2, samples: 2 }, c: { delta: 0.4, samples: 1 } },
    );
    const accepted: CoordinatorEvents['update-accepted'][0][] = [];
    events.on('update-accepted', (info) => accepted.push(info));
    const summary = await runner.run();

    // sum_k n_k delta_k / sum_k n_k in float64 from the float32 deltas, then the float32 step, per round.
    const mean = Math.fround((Math.fround(0.1) + 2 * Math.fround(0.2) + Math.fround(0.4)) / 4);
    const afterOne = Math.fround(0.5 + mean);
    expect(summary).toMatchObject({ reason: 'completed', modelVersion: 2, roundsCompleted: 2 });
    expect([...new Set(summary.weights)]).toEqual([Math.fround(afterOne + mean)]);
    expect([...new Set((await store.checkpoint(1))?.weights)]).toEqual([afterOne]);
    const records = await store.rounds();
    expect(records.map((r) => [r.round, r.attempt, r.outcome, r.participants, r.rejected])).toEqual([
      [1, 1, 'completed', 3, 0],
      [2, 1, 'completed', 3, 0],
    ]);
    for (const clientId of ['a', 'b', 'c']) {
      expect(channel.sentTo(clientId, 'task').map((task) => task.round)).toEqual([1, 2]);
      expect(channel.sentTo(clientId, 'round-end').map((end) => [end.round, end.outcome, end.modelVersion])).toEqual([
        [1, 'completed', 1],
        [2, 'completed', 2],
      ]);
    }
    expect(channel.sentTo('*', 'run-end')).toEqual([expect.objectContaining({ reason: 'completed', modelVersion: 2 })]);
    expect(runner.runEnd).toMatchObject({ type: 'run-end', modelVersion: 2 });
    expect(accepted).toHaveLength(6);
    // The goal is the goal count (clientsPerRound) on every path.
    expect(accepted.every((info) => info.goal === 3 && info.payloadBytes > 0)).toBe(true);
    expect(accepted.slice(0, 3).map((info) => info.reported)).toEqual([1, 2, 3]);
    expect(runner.modelVersion).toBe(2);
  });

  it('refuses updates for a closed round as late and for an unknown one as wrong, and counts refusals in the open attempt', async () => {
    const { runner, store, channel, updateFor, answering } = inMemoryRun(
      { rounds: 1 },
      { a: { delta: 0.1, samples: 1 }, b: { delta: 0.2, samples: 1 } },
    );
    answering.delete('b');
    channel.onSend = ((answer) => (sent) => {
      answer?.(sent);
      if (sent.event === 'task' && sent.to === 'b') {
        setImmediate(() => {
          expect(runner.openRoundId).toBe(sent.message.roundId);
          expect(() => runner.update('b', { ...updateFor('b', sent.message), roundId: 'run/9/1' })).toThrow(
            expect.objectContaining({ code: ErrorCode.WrongRound }),
          );
          runner.refused(); // what the connection layer does for every refusal
          runner.update('b', updateFor('b', sent.message));
        });
      }
    })(channel.onSend);
    await runner.run();
    const [record] = await store.rounds();
    expect(record).toMatchObject({ outcome: 'completed', participants: 2, rejected: 1 });
    expect(runner.openRoundId).toBeUndefined();
    const task = channel.sentTo('a', 'task')[0];
    expect(() => runner.update('a', updateFor('a', task))).toThrow(
      expect.objectContaining({ code: ErrorCode.LateReport, message: `round ${task.roundId} is closed` }),
    );
    expect(() => runner.secureMessage('a', 'secagg-advertise', { roundId: task.roundId })).toThrow(
      expect.objectContaining({ code: ErrorCode.LateReport }),
    );
    runner.refused(); // no attempt open: nothing to count, nothing thrown
  });

  it('abandons an attempt that lost too many clients and retries the round with the next attempt', async () => {
    const { runner, store, channel, answering } = inMemoryRun(
      { rounds: 1 },
      { a: { delta: 0.1, samples: 1 }, b: { delta: 0.2, samples: 1 } },
    );
    answering.delete('b');
    const answer = channel.onSend;
    channel.onSend = (sent) => {
      answer?.(sent);
      if (sent.event === 'task' && sent.to === 'b' && sent.message.attempt === 1) {
        // b vanishes before reporting: the cohort is exhausted with one report of the two needed.
        setImmediate(() => {
          channel.disconnect('b');
          runner.clientLeft('b');
        });
      }
      if (sent.event === 'round-end' && sent.message.outcome === 'abandoned') {
        answering.add('b');
        setImmediate(() => channel.connect('b'));
      }
    };
    const summary = await runner.run();
    expect(summary).toMatchObject({ reason: 'completed', modelVersion: 1 });
    const records = await store.rounds();
    expect(records.map((r) => [r.attempt, r.outcome, r.participants, r.dropped, r.modelVersion])).toEqual([
      [1, 'abandoned', 1, 1, 0],
      [2, 'completed', 2, 0, 1],
    ]);
    expect(records[0].reason).toBe('only 1 of 2 selected clients reported, the round needs 2');
    // The abandoned attempt's round-end went to the member still connected only.
    expect(channel.recipientsOf('round-end')).toEqual(['a', 'a', 'b']);
  });

  it('resumes a restarted run after the attempts its log holds: no round id is used twice', async () => {
    const { runner, store, channel } = inMemoryRun(
      { rounds: 1 },
      { a: { delta: 0.1, samples: 1 }, b: { delta: 0.2, samples: 1 } },
    );
    // The run before the restart abandoned attempts 1 and 2 of round 1 and committed nothing.
    for (const attempt of [1, 2])
      await store.commitRound(roundRecordFixture(1, 'abandoned', 0, { attempt, roundId: `run/1/${attempt}` }));
    await runner.run();
    expect(channel.sentTo('a', 'task').map((task) => [task.roundId, task.attempt])).toEqual([['run/1/3', 3]]);
    expect((await store.rounds()).map((r) => [r.roundId, r.outcome])).toEqual([
      ['run/1/1', 'abandoned'],
      ['run/1/2', 'abandoned'],
      ['run/1/3', 'completed'],
    ]);
  });

  it('ends the run as stopped when it is stopped while waiting for clients', async () => {
    const { runner, channel, stop } = inMemoryRun(
      { minReports: 3, clientsPerRound: 3 },
      { a: { delta: 0, samples: 1 } },
    );
    const run = runner.run();
    await new Promise(setImmediate);
    expect(channel.sentTo('a', 'task')).toEqual([]);
    stop();
    expect(await run).toMatchObject({ reason: 'stopped', modelVersion: 0, roundsCompleted: 0 });
    expect(channel.sentTo('*', 'run-end')).toEqual([expect.objectContaining({ reason: 'stopped', modelVersion: 0 })]);
  });

  it("runs a secure round through the channel: the new model is the strategy's step on the decoded sum of the survivors' inputs", async () => {
    const ids = ['a', 'b', 'c', 'd'];
    const { context, channel } = testRoundContext({
      rounds: 1,
      clientsPerRound: 4,
      overSelection: 1,
      minReports: 2,
      stageGraceFactor: 0,
      simulation: { canonicalOrder: true },
      secure: TEST_SECURE,
    });
    const store = new MemoryRoundStore();
    const events = new EventEmitter<CoordinatorEvents>();
    const initial = new Float32Array(P).fill(0.5);
    const runner = new RoundRunner({
      context,
      store,
      traffic: NO_TRAFFIC,
      events,
      initialWeights: async () => initial,
    });
    const cohort = new SecureTestCohort(ids, testSecureInput, (clientId, event, message) => {
      if (event === 'secagg-abort' || event === 'secagg-complaint') throw new Error(`unexpected ${event}`);
      runner.secureMessage(clientId, event, message);
    });
    for (const client of cohort.clients()) channel.connect(client);
    channel.onSend = (sent) => cohort.hear(sent);
    const accepted: CoordinatorEvents['update-accepted'][0][] = [];
    events.on('update-accepted', (info) => accepted.push(info));

    const summary = await runner.run();
    expect(cohort.errors).toEqual([]);
    const setup = channel.sentTo('a', 'task')[0].secure;
    if (!setup) throw new Error('a secure task carries its setup');
    const modulusBits = setup.modulusBits;
    const decoded = decodeSecureSum(
      sumMod(cohort.inputs.values(), modulusBits),
      4,
      TEST_SECURE.bits,
      TEST_SECURE.range,
    );
    expect(summary.weights).toEqual(
      new FedAvgStrategy().aggregateSum(initial, decoded.weightedSum, decoded.totalWeight),
    );
    const [record] = await store.rounds();
    expect(record).toMatchObject({ outcome: 'completed', participants: 4, dropped: 0, selected: 4 });
    expect(accepted.map((info) => info.clientId).sort()).toEqual(ids);
    // The same goal as plain rounds (the goal count), and the packed masked vector's size.
    const packedBytes = Math.ceil((setup.vectorLength * modulusBits) / 8);
    expect(accepted.every((info) => info.goal === 4 && info.payloadBytes === packedBytes)).toBe(true);
    expect(channel.recipientsOf('round-end').sort()).toEqual(ids);
  });
});
