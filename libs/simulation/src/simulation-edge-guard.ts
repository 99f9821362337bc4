import type { EdgeGuardConfig } from '@edgefl/coordinator';

/**
 * The embedded coordinator's connection policing in a simulation: every simulated client connects
 * from 127.0.0.1 at the same moment, and on a loaded machine a client's `hello` can take longer than
 * the 10 s enrollment deadline (the guard then closes the socket, and the client's `authenticate`,
 * resent on the new connection, is refused as "no challenge is pending": a 1,000-client bench:dp
 * died of it). The pending-connection caps are per address and in all, so they cover the fleet.
 *
 * @example
 * new Coordinator({ config, edge: simulationEdgeGuard(1000) });
 */
export function simulationEdgeGuard(clients: number): Partial<EdgeGuardConfig> {
  return {
    enrollmentTimeoutMs: 120_000,
    maxPendingConnections: Math.max(512, clients),
    maxPendingPerAddress: Math.max(128, clients),
  };
}
