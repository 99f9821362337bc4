import type { ClientIdentity, FederatedClientOptions, LocalTrainer } from '@edgefl/client';
import type { SimulatedClientSpec } from './simulated-client-spec';

/**
 * The {@link FederatedClient} options of one simulated device. Acks are awaited as long as the
 * round deadline, not the SDK's 30 s: a simulation packs hundreds of clients on one thread, and
 * while their key agreement and training hold it, a client's ack timer fires before the ack that
 * already arrived is read (a 1,000-client secure run lost a third of each cohort to this). A real
 * device does not share its CPU with 499 others. For the same reason a connection attempt gets 60 s
 * (20 retries), not 10 s: 1,000 clients connecting at once on a loaded machine gave up at 10.
 *
 * @example
 * new FederatedClient(simulatedClientOptions(spec, url, generateIdentity(), new LightTrainer()));
 */
export function simulatedClientOptions(
  spec: SimulatedClientSpec,
  url: string,
  identity: ClientIdentity,
  trainer: LocalTrainer,
): FederatedClientOptions {
  return {
    urls: [spec.coordinatorUrl ?? url, ...(spec.failoverUrls ?? [])],
    data: spec.data,
    clientId: spec.clientId,
    identity,
    trainer,
    platform: 'edgefl-sim',
    ackTimeoutMs: Math.max(30_000, spec.roundTimeoutMs),
    // 1,000 clients opening sockets at once to a coordinator on a loaded machine: be patient.
    connection: { timeoutMs: 60_000, retries: 20 },
  };
}
