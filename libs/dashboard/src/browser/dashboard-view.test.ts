import type { CoordinatorStatus } from '@edgefl/coordinator';
import { roundRecordFixture } from '@edgefl/coordinator-store/testing';
import {
  applySnapshot,
  dashboardCards,
  dashboardSeries,
  dashboardTableRows,
  initialDashboardState,
  percent,
  roundLabel,
  type DashboardState,
} from './dashboard-view';

const STATUS: CoordinatorStatus = {
  runId: 'run-7',
  round: 3,
  attempt: 1,
  stage: 'training' as CoordinatorStatus['stage'],
  modelVersion: 2,
  clientsConnected: 5,
  rounds: 10,
};

function stateWithRounds(): DashboardState {
  return {
    ...initialDashboardState(),
    status: STATUS,
    rounds: [
      roundRecordFixture(1, 'completed', 1, { bytesUp: 2048, bytesDown: 3 * 1024 * 1024, accuracy: 0.5 }),
      roundRecordFixture(2, 'abandoned', 1, { reason: 'deadline', participants: 1, dropped: 2, durationMs: 1500 }),
      roundRecordFixture(2, 'completed', 2, { attempt: 2, roundId: 'run/2/2', rejected: 1, dropped: 1 }),
    ],
    evaluations: [
      { modelVersion: 0, accuracy: 0.1, loss: 2.3 },
      { modelVersion: 2, accuracy: 0.625, loss: 0.91234 },
    ],
    rejectedTotal: 4,
    clientsConnected: 5,
  };
}

describe('dashboard view', () => {
  it('labels retried attempts round·attempt and formats fractions as percentages', () => {
    expect(roundLabel({ round: 4, attempt: 1 })).toBe('4');
    expect(roundLabel({ round: 4, attempt: 3 })).toBe('4·3');
    expect(percent(0.12345)).toBe('12.35%');
    expect(percent(undefined)).toBe('–');
    expect(percent(null)).toBe('–');
  });

  it('shows dashes and zeros before the feed said anything', () => {
    expect(dashboardCards(initialDashboardState())).toEqual({
      round: 0,
      roundText: '0 / 0',
      roundDetail: '0 completed',
      phase: '–',
      clients: '0',
      modelVersion: '–',
      accuracy: '–',
      accuracyDetail: 'no evaluation yet',
      dropped: '0',
      rejected: '0',
      epsilon: 'no DP',
      runId: '',
      connection: 'connecting',
    });
  });

  it('fills the cards from the status, the rounds and the last evaluation', () => {
    const cards = dashboardCards({ ...stateWithRounds(), status: { ...STATUS, epsilon: 1.23456 } });
    expect(cards).toMatchObject({
      round: 3,
      roundText: '3 / 10',
      roundDetail: '2 completed',
      phase: 'training',
      modelVersion: '2',
      accuracy: '62.50%',
      accuracyDetail: 'loss 0.9123 at v2',
      dropped: '3',
      rejected: '4',
      epsilon: '1.235',
      runId: 'run-7',
    });
  });

  it('shows the running attempt, and the end of the run over the stage', () => {
    const running = { ...stateWithRounds(), current: { round: 4, attempt: 2, roundId: 'run/4/2', cohort: 6 } };
    expect(dashboardCards(running)).toMatchObject({ round: 4, roundDetail: 'attempt 2, cohort 6' });
    const ended = {
      ...stateWithRounds(),
      runEnd: { reason: 'completed' as const, modelVersion: 9, roundsCompleted: 9 },
    };
    expect(dashboardCards(ended).phase).toBe('run completed');
  });

  it('gives the chart series per evaluation and per attempt, bytes in KiB', () => {
    expect(dashboardSeries(stateWithRounds())).toEqual({
      modelVersions: [0, 2],
      accuracyPercent: [10, 62.5],
      loss: [2.3, 0.91234],
      roundLabels: ['1', '2', '2·2'],
      kibUp: [2, 10 / 1024, 10 / 1024],
      kibDown: [3072, 20 / 1024, 20 / 1024],
      participants: [3, 1, 3],
      dropped: [0, 2, 1],
      rejected: [0, 0, 1],
    });
  });

  it('lists the newest attempts first in the table, with the reason and readable bytes', () => {
    const rows = dashboardTableRows(stateWithRounds());
    expect(rows.map((row) => row.outcome)).toEqual(['completed', 'abandoned', 'completed']);
    expect(rows[1].cells).toEqual(['2', 'abandoned (deadline)', '1/3', '2', '0', '10 B', '20 B', '1.5 s', '–']);
    expect(rows[2].cells).toEqual(['1', 'completed', '3/3', '0', '0', '2.0 KiB', '3.00 MiB', '0.0 s', '50.00%']);
    expect(dashboardTableRows(stateWithRounds(), 2).map((row) => row.cells[0])).toEqual(['2·2', '2']);
  });

  it('takes everything but the connection state from a snapshot', () => {
    const live = { ...initialDashboardState(), connection: 'live' as const };
    const after = applySnapshot(live, {
      status: STATUS,
      current: null,
      rounds: [],
      evaluations: [{ modelVersion: 0, accuracy: 0.1, loss: 2 }],
      clientsConnected: 2,
      rejectedTotal: 1,
      runEnd: null,
    });
    expect(after).toEqual({
      ...live,
      status: STATUS,
      evaluations: [{ modelVersion: 0, accuracy: 0.1, loss: 2 }],
      clientsConnected: 2,
      rejectedTotal: 1,
    });
  });
});
