import type { CoordinatorStatus } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { RoundStage } from '@edgefl/protocol';
import { DashboardHistory } from './dashboard-history';

const status: CoordinatorStatus = {
  runId: 'r',
  round: null,
  attempt: null,
  stage: RoundStage.Idle,
  modelVersion: 0,
  clientsConnected: 3,
  rounds: 5,
};

function record(round: number, attempt = 1): RoundRecord {
  return {
    runId: 'r',
    round,
    attempt,
    roundId: `r-${round}-${attempt}`,
    outcome: 'completed',
    modelVersion: round,
    selected: 3,
    participants: 3,
    dropped: 0,
    rejected: 0,
    bytesUp: 100,
    bytesDown: 200,
    startedAt: 0,
    durationMs: 10,
    accuracy: 0.5,
    loss: 1,
  };
}

describe('DashboardHistory', () => {
  it('tracks the open round until its round-end arrives', () => {
    const history = new DashboardHistory();
    history.roundStarted({ round: 1, attempt: 1, roundId: 'r-1-1', cohort: 3 });
    expect(history.snapshot(status).current).toEqual({ round: 1, attempt: 1, roundId: 'r-1-1', cohort: 3 });
    history.roundEnded(record(1));
    const snapshot = history.snapshot(status);
    expect(snapshot.current).toBeNull();
    expect(snapshot.rounds.map((r) => r.roundId)).toEqual(['r-1-1']);
    expect(snapshot.clientsConnected).toBe(3);
  });

  it('keeps only the newest `limit` rounds and evaluations', () => {
    const history = new DashboardHistory(2);
    for (let round = 1; round <= 5; round++) {
      history.roundEnded(record(round));
      history.evaluated({ modelVersion: round, accuracy: round / 10, loss: 1 });
    }
    const snapshot = history.snapshot(status);
    expect(snapshot.rounds.map((r) => r.round)).toEqual([4, 5]);
    expect(snapshot.evaluations.map((e) => e.modelVersion)).toEqual([4, 5]);
  });

  it('counts rejections and remembers how the run ended', () => {
    const history = new DashboardHistory();
    expect(history.rejected()).toBe(1);
    expect(history.rejected()).toBe(2);
    history.runEnded({ reason: 'completed', modelVersion: 5, roundsCompleted: 5 });
    expect(history.snapshot(status)).toMatchObject({
      rejectedTotal: 2,
      runEnd: { reason: 'completed', roundsCompleted: 5 },
    });
  });

  it('hands out copies, so a snapshot does not change under a viewer', () => {
    const history = new DashboardHistory();
    const before = history.snapshot(status);
    history.roundEnded(record(1));
    expect(before.rounds).toHaveLength(0);
  });

  it('names a bad limit', () => {
    expect(() => new DashboardHistory(0)).toThrow(/limit/);
  });
});
