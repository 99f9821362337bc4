import type { FederatedClient, FederatedClientEvents } from '@edgefl/client';

/** The arguments of the client's next `event`. */
export function nextClientEvent<E extends keyof FederatedClientEvents>(
  client: FederatedClient,
  event: E,
): Promise<FederatedClientEvents[E]> {
  return new Promise((resolve) => {
    const listener = (...args: FederatedClientEvents[E]): void => {
      client.off(event, listener);
      resolve(args);
    };
    client.on(event, listener);
  });
}
