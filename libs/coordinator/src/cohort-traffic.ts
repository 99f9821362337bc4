import type { ClientRegistry } from './client-registry';
import type { TrafficMeter } from './traffic-meter';

/**
 * The bytes of one round counted on the connections its cohort had when the round started, and on
 * nothing else (simulation mode): a client that vanished and rejoins on a new connection, or the
 * dashboard feed, cannot move bytes into or out of a round by timing.
 *
 * @example
 * const traffic = CohortTraffic.start(registry, meter); // before the task goes out
 * const { bytesUp, bytesDown } = traffic.bytesOf(state.cohort);
 */
export class CohortTraffic {
  private constructor(
    private readonly meter: TrafficMeter,
    private readonly start: ReadonlyMap<string, { connection: object; bytesIn: number; bytesOut: number }>,
  ) {}

  static start(registry: ClientRegistry, meter: TrafficMeter): CohortTraffic {
    const start = new Map(
      registry
        .all()
        .map(
          (session) =>
            [
              session.clientId,
              { connection: session.socket.conn as object, ...meter.countsOf(session.socket.conn) },
            ] as const,
        ),
    );
    return new CohortTraffic(meter, start);
  }

  bytesOf(cohort: Iterable<string>): { bytesUp: number; bytesDown: number } {
    let bytesUp = 0;
    let bytesDown = 0;
    for (const clientId of cohort) {
      const at = this.start.get(clientId);
      if (!at) continue;
      const now = this.meter.countsOf(at.connection);
      bytesUp += now.bytesIn - at.bytesIn;
      bytesDown += now.bytesOut - at.bytesOut;
    }
    return { bytesUp, bytesDown };
  }
}
