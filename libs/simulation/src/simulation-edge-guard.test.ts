import { DEFAULT_EDGE_GUARD_CONFIG, resolveEdgeGuardConfig } from '@edgefl/coordinator';
import { simulationEdgeGuard } from './simulation-edge-guard';

describe('simulationEdgeGuard', () => {
  it('lets a whole fleet on one address enrol at once, and gives a slow hello two minutes', () => {
    const edge = resolveEdgeGuardConfig(simulationEdgeGuard(1000));
    expect(edge).toMatchObject({
      enrollmentTimeoutMs: 120_000,
      maxPendingConnections: 1000,
      maxPendingPerAddress: 1000,
    });
    expect(edge.messagesPerSecond).toBe(DEFAULT_EDGE_GUARD_CONFIG.messagesPerSecond);
  });

  it('never lowers the defaults for a small fleet', () => {
    expect(resolveEdgeGuardConfig(simulationEdgeGuard(4))).toMatchObject({
      maxPendingConnections: DEFAULT_EDGE_GUARD_CONFIG.maxPendingConnections,
      maxPendingPerAddress: DEFAULT_EDGE_GUARD_CONFIG.maxPendingPerAddress,
    });
  });
});
