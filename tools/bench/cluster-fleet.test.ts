import { BenchFleet } from './cluster-fleet';
import type { FleetEvent, HeardRoundEnd } from './cluster-fleet';

/** Events as fleet children forward them: wall times (`performance.timeOrigin` + ms). */
const wall = (ms: number): number => performance.timeOrigin + ms;

function end(roundId: string, at: number, outcome: HeardRoundEnd['outcome'] = 'completed'): FleetEvent {
  return { kind: 'round-end', roundId, round: 1, outcome, modelVersion: 1, participants: 3, at: wall(at) };
}

describe('BenchFleet.apply (events forwarded from fleet child processes)', () => {
  it('keeps the first task and the latest round-end of a round, whatever order the children report in', () => {
    const fleet = new BenchFleet({ secure: true, delayMs: 0, samples: 8 });
    fleet.apply({ kind: 'task', roundId: 'r1', round: 1, seed: 7, at: wall(200) });
    fleet.apply({ kind: 'task', roundId: 'r1', round: 1, seed: 7, at: wall(100) });
    fleet.apply(end('r1', 900));
    fleet.apply(end('r1', 400));
    expect(fleet.firstTask.get('r1')).toBeCloseTo(200, 6);
    expect(fleet.lastEnd.get('r1')).toBeCloseTo(900, 6);
    expect(fleet.roundSeed.get('r1')).toBe(7);
  });

  it('records one round end per round id and outcome, calling onRoundEnd once', () => {
    const heard: string[] = [];
    const fleet = new BenchFleet({
      secure: true,
      delayMs: 0,
      samples: 8,
      onRoundEnd: (e) => heard.push(`${e.roundId}:${e.outcome}`),
    });
    fleet.apply(end('r1', 10, 'abandoned'));
    fleet.apply(end('r1', 20));
    fleet.apply(end('r1', 30));
    expect(heard).toEqual(['r1:abandoned', 'r1:completed']);
    expect(fleet.completed().map((e) => e.roundId)).toEqual(['r1']);
  });

  it("collects each round's masked-input senders from every child, once each", () => {
    const fleet = new BenchFleet({ secure: true, delayMs: 0, samples: 8 });
    for (const clientId of ['secure-0', 'secure-1', 'secure-0', 'secure-2'])
      fleet.apply({ kind: 'masked-input', roundId: 'r1', clientId });
    fleet.apply({ kind: 'masked-input', roundId: 'r2', clientId: 'secure-1' });
    expect([...(fleet.maskedInputs.get('r1') ?? [])].sort()).toEqual(['secure-0', 'secure-1', 'secure-2']);
    expect([...(fleet.maskedInputs.get('r2') ?? [])]).toEqual(['secure-1']);
  });

  it('keeps client errors (at most 20) and counts run ends', () => {
    const fleet = new BenchFleet({ secure: true, delayMs: 0, samples: 8 });
    for (let i = 0; i < 25; i++) fleet.apply({ kind: 'error', message: `e${i}` });
    fleet.apply({ kind: 'run-end' });
    expect(fleet.errors.map((e) => e.message)).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`));
    expect(fleet.runEnds).toBe(1);
  });
});
