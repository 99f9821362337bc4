import { runInMemorySecAggRound } from './in-memory-secagg-round';
import { ThresholdError } from './secagg-errors';
import { RoundStage } from '@edgefl/protocol';
import { hasEnoughPeers, minimumSurvivors } from './survivor-threshold';

describe('the threshold rule (t peers per client, t + 1 clients per stage)', () => {
  it('states t + 1 clients per stage from t peers per client', () => {
    expect(hasEnoughPeers(2, 2)).toBe(true);
    expect(hasEnoughPeers(1, 2)).toBe(false);
    expect(minimumSurvivors(2)).toBe(3);
    expect(() => minimumSurvivors(0)).toThrow(/threshold/);
  });

  it('abandons a round at the stage that leaves only t clients, not one stage later (n = 4, t = 2, two drop before masked input)', () => {
    const inputs = new Map([1, 2, 3, 4].map((id) => [id, Uint32Array.of(id, 2 * id)] as const));
    const report = runInMemorySecAggRound({
      roundId: 'threshold-rule',
      inputs,
      modulusBits: 8,
      threshold: 2,
      graphSeed: new Uint8Array(32),
      consistencyCheck: true,
      dropouts: { afterShare: [3, 4] },
    });
    expect(report.error).toBeInstanceOf(ThresholdError);
    expect(report.error?.message).toMatch(
      /only 2 clients sent masked inputs, a round needs t \+ 1 = 3 \(threshold t = 2/,
    );
    expect(report.server.stage).toBe(RoundStage.Abandoned);
    expect(report.dropoutsByStage.get(RoundStage.MaskedInput)).toEqual([3, 4]);
    expect(report.clientErrors.size).toBe(0);
  });

  it('completes with t + 1 survivors', () => {
    const inputs = new Map([1, 2, 3, 4].map((id) => [id, Uint32Array.of(id, 2 * id)] as const));
    const report = runInMemorySecAggRound({
      roundId: 'threshold-rule',
      inputs,
      modulusBits: 8,
      threshold: 2,
      graphSeed: new Uint8Array(32),
      consistencyCheck: true,
      dropouts: { afterShare: [4] },
    });
    expect(report.error).toBeUndefined();
    expect([...(report.result?.sum ?? [])]).toEqual([6, 12]);
  });
});
