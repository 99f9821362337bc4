import { formatRoundLine } from './format-round-line';
import type { RoundProgress } from './simulation-report';

const ROW: RoundProgress = {
  round: 3,
  accuracy: 0.8123,
  loss: 0.51,
  participants: 10,
  dropped: 1,
  rejected: 0,
  attempts: 1,
  bytesUp: 2048,
  bytesDown: 4096,
  uplinkBytesPerParam: 1.5,
  bytesUpPerAggregatedClient: 2048,
  durationMs: 1500,
};

describe('formatRoundLine', () => {
  it('shows epsilon only in DP runs', () => {
    expect(formatRoundLine(ROW)).not.toMatch(/eps/);
    expect(formatRoundLine({ ...ROW, epsilon: 1.23456 })).toMatch(/eps 1\.235$/);
    expect(formatRoundLine(ROW)).toMatch(/^round {3}3 {2}acc 81\.23%/);
  });
});
