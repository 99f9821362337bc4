import { RoundStage } from '@edgefl/protocol';
import { resolveDownlinkConfig } from '../downlink-config';
import { DownlinkPlanner } from '../downlink-planner';
import { RoundAbortedError } from '../round-aborted-error';
import { testRoundContext } from '../testing/test-round-context';
import { testRoundState } from '../testing/test-round-state';
import { runConfigureStage } from './configure-stage';

describe('runConfigureStage (in memory)', () => {
  it('selects clientsPerRound x overSelection connected clients and sends each the task through the channel', () => {
    const { context, channel } = testRoundContext({
      secure: false,
      clientsPerRound: 3,
      overSelection: 1.5,
      minReports: 2,
    });
    for (const clientId of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) channel.connect(clientId);
    const state = testRoundState();
    runConfigureStage(context, state);
    expect(state.cohort.size).toBe(5);
    expect(state.stage).toBe(RoundStage.Train);
    expect(channel.recipientsOf('task').sort()).toEqual([...state.cohort].sort());
    const [task] = channel.sentTo([...state.cohort][0], 'task');
    expect(task).toBe(state.task);
    expect(task).toMatchObject({ type: 'task', roundId: 'run/1/1', round: 1, attempt: 1, modelVersion: 0, seed: 7 });
    // The same seed selects the same cohort.
    const again = testRoundContext({ secure: false, clientsPerRound: 3, overSelection: 1.5, minReports: 2 });
    for (const clientId of ['g', 'f', 'e', 'd', 'c', 'b', 'a']) again.channel.connect(clientId);
    const repeat = testRoundState();
    runConfigureStage(again.context, repeat);
    expect([...repeat.cohort].sort()).toEqual([...state.cohort].sort());
  });

  it('skips quarantined clients and aborts when too few others are connected', () => {
    const { context, channel } = testRoundContext({ secure: false, clientsPerRound: 3, minReports: 2 });
    for (const clientId of ['a', 'b', 'c']) channel.connect(clientId);
    jest.spyOn(context.suspicion, 'isQuarantined').mockImplementation((clientId) => clientId === 'b');
    const state = testRoundState();
    runConfigureStage(context, state);
    expect([...state.cohort].sort()).toEqual(['a', 'c']);
    expect(channel.sentTo('b', 'task')).toEqual([]);

    channel.disconnect('c');
    const next = testRoundState(0, { attempt: 2 });
    expect(() => runConfigureStage(context, next)).toThrow(
      new RoundAbortedError('only 1 clients connected and not quarantined, the round needs 2'),
    );
    expect(next.cohort.size).toBe(0);
  });

  it('personalizes each task through the downlink planner when one is configured', () => {
    const calls: Array<[string, boolean]> = [];
    const downlink = new DownlinkPlanner(resolveDownlinkConfig({}), 1);
    jest.spyOn(downlink, 'personalize').mockImplementation((task, clientId, _weights, deltaCapable) => {
      calls.push([clientId, deltaCapable]);
      return { ...task, roundId: `${task.roundId}:${clientId}` };
    });
    const { context, channel } = testRoundContext(
      { secure: false, clientsPerRound: 2, overSelection: 1, minReports: 2 },
      { downlink },
    );
    channel.connect({ clientId: 'a', deltaDownlink: true });
    channel.connect('b');
    runConfigureStage(context, testRoundState());
    expect(channel.sentTo('a', 'task')[0].roundId).toBe('run/1/1:a');
    expect(calls.sort()).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('sends each distinct task once through sendToEach: the full model to some clients, one delta to the others', () => {
    const downlink = new DownlinkPlanner(resolveDownlinkConfig({}), 1);
    const { context, channel } = testRoundContext(
      { clientsPerRound: 4, overSelection: 1, minReports: 4 },
      { downlink },
    );
    for (const clientId of ['a', 'b', 'c', 'd']) channel.connect({ clientId, deltaDownlink: clientId !== 'd' });
    const first = testRoundState(0.5);
    runConfigureStage(context, first);
    for (const clientId of ['a', 'b']) downlink.reported(clientId, first.roundId);
    const sends = jest.spyOn(channel, 'sendToEach');
    const second = testRoundState(0.75, { round: 2, modelVersion: 1 });
    runConfigureStage(context, second);
    expect(sends).toHaveBeenCalledTimes(2);
    const groups = sends.mock.calls.map(([clientIds, event, task]) => ({
      clientIds: [...clientIds].sort(),
      full: event === 'task' && 'weights' in task && task.weights !== undefined,
    }));
    expect(groups.sort((x, y) => (x.clientIds[0] < y.clientIds[0] ? -1 : 1))).toEqual([
      { clientIds: ['a', 'b'], full: false },
      { clientIds: ['c', 'd'], full: true },
    ]);
    expect(channel.sentTo('a', 'task')[1]).toBe(channel.sentTo('b', 'task')[1]);
    expect(channel.sentTo('c', 'task')[1]).toBe(second.task);
  });
});
