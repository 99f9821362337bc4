import { decodeBase64 } from '@edgefl/protocol';
import type { SecureRoundSetup } from '@edgefl/protocol';
import type { SecAggClientOptions } from './client/client-round-state';
import type { RandomBytes } from './shamir-secret-sharing';

/**
 * A {@link SecAggClientSession}'s options from the wire's secure setup (a task's `secure` field,
 * docs/PROTOCOL.md section 11): the round parameters, the neighbours as indices, and their identity
 * keys decoded from base64. `consistencyCheck` is the client's own decision (its policy OR the
 * announcement), never the coordinator's announcement alone.
 *
 * @example
 * const session = new SecAggClientSession(
 *   clientSessionOptionsOf(task.secure, { roundId: task.roundId, identitySecretKey, consistencyCheck: true }),
 * );
 */
export function clientSessionOptionsOf(
  setup: SecureRoundSetup,
  client: { roundId: string; identitySecretKey: Uint8Array; consistencyCheck: boolean; randomBytes?: RandomBytes },
): SecAggClientOptions {
  return {
    clientIndex: setup.clientIndex,
    roundId: client.roundId,
    identitySecretKey: client.identitySecretKey,
    config: {
      cohortSize: setup.cohortSize,
      neighbourCount: setup.neighbourCount,
      threshold: setup.threshold,
      modulusBits: setup.modulusBits,
      vectorLength: setup.vectorLength,
      neighbours: setup.neighbours.map((neighbour) => neighbour.index),
      consistencyCheck: client.consistencyCheck,
    },
    neighbourIdentityKeys: new Map(
      setup.neighbours.map((neighbour) => [neighbour.index, decodeBase64(neighbour.identityKey)] as const),
    ),
    randomBytes: client.randomBytes,
  };
}
