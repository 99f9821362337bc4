import type { ClientRegistry } from './client-registry';
import { CohortTraffic } from './cohort-traffic';
import type { AttemptTraffic, RoundTraffic } from './round-traffic';
import type { TrafficMeter } from './traffic-meter';

/**
 * {@link RoundTraffic} over the socket.io connections: the engine.io byte counts of a
 * {@link TrafficMeter}, in total or per connection of the registered clients ({@link CohortTraffic}).
 *
 * @example
 * const traffic = new SocketRoundTraffic(registry, meter).start(false);
 */
export class SocketRoundTraffic implements RoundTraffic {
  constructor(
    private readonly registry: ClientRegistry,
    private readonly meter: TrafficMeter,
  ) {}

  start(cohortOnly: boolean): AttemptTraffic {
    if (cohortOnly) return CohortTraffic.start(this.registry, this.meter);
    const { meter } = this;
    const bytesInAtStart = meter.bytesIn;
    const bytesOutAtStart = meter.bytesOut;
    return {
      bytesOf: () => ({ bytesUp: meter.bytesIn - bytesInAtStart, bytesDown: meter.bytesOut - bytesOutAtStart }),
    };
  }
}
