import nacl from 'tweetnacl';
import { RoundStage } from '@edgefl/protocol';
import type { SecureRoundSetup } from '@edgefl/protocol';
import { levelSumBits } from '@edgefl/quantization';
import { deriveSeed } from '@edgefl/random';
import { SecAggServerRound } from '@edgefl/secagg';
import { buildTaskMessage } from '../build-task-message';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import { selectCohort } from '../select-cohort';

/**
 * Secure stage 1 (Configure): select the cohort among connected clients that proved an identity
 * key, number it 1..n, build the SecAgg+ round (fresh public graph seed, modulus
 * m = levelSumBits(b, n) so the sum of n b-bit levels cannot wrap) and send each member the task
 * with its own setup: index, neighbours with their identity keys, n, k, t, m, L, the grid, the
 * weight cap and whether the round runs the consistency check. Aborts when too few eligible
 * clients are connected or the graph cannot be built for this n (e.g. a configured threshold
 * above the degree).
 */
export function runSecureConfigureStage(context: RoundContext, state: RoundState): void {
  const { config, registry } = context;
  const secure = config.secure;
  if (!secure) throw new TypeError('runSecureConfigureStage needs config.secure');
  state.stage = RoundStage.Configure;
  const eligible = registry.all().filter((session) => session.identityKey !== undefined);
  const needed = Math.max(2, config.minReports);
  if (eligible.length < needed) {
    throw new RoundAbortedError(`only ${eligible.length} clients with an identity key connected, a secure round needs ${needed}`);
  }
  const cohort = selectCohort(
    eligible.map((session) => session.clientId),
    config.clientsPerRound,
    config.overSelection,
    deriveSeed(state.seed, 'cohort'),
  ).sort();
  const indexOf = new Map(cohort.map((clientId, i) => [clientId, i + 1] as const));
  const clientIdOf = new Map(cohort.map((clientId, i) => [i + 1, clientId] as const));
  const identityKeys = new Map(cohort.map((clientId, i) => [i + 1, registry.get(clientId)?.identityKey as Uint8Array] as const));
  const vectorLength = state.globalWeights.length + 1;
  const modulusBits = levelSumBits(secure.bits, cohort.length);
  let server: SecAggServerRound;
  try {
    server = new SecAggServerRound({
      roundId: state.roundId,
      cohortIds: [...clientIdOf.keys()],
      neighbourCount: secure.neighbours,
      threshold: secure.threshold,
      modulusBits,
      vectorLength,
      graphSeed: nacl.randomBytes(32),
      identityPublicKeys: identityKeys,
      consistencyCheck: secure.consistencyCheck !== false,
    });
  } catch (error) {
    throw new RoundAbortedError(`secure aggregation cannot run with ${cohort.length} clients: ${(error as Error).message}`);
  }
  state.secure = { config: secure, server, indexOf, clientIdOf, modulusBits, vectorLength };
  const task = buildTaskMessage(config, state);
  state.task = task;
  for (const [clientId, index] of indexOf) {
    const session = registry.get(clientId);
    if (!session) continue;
    state.cohort.add(clientId);
    const graph = server.clientConfigFor(index);
    const setup: SecureRoundSetup = {
      clientIndex: index,
      cohortSize: graph.cohortSize,
      neighbourCount: graph.neighbourCount,
      threshold: graph.threshold,
      modulusBits,
      vectorLength,
      bits: secure.bits,
      range: secure.range,
      weightCap: secure.weightCap,
      stageTimeoutMs: secure.stageTimeoutMs,
      consistencyCheck: server.consistencyCheck,
      neighbours: graph.neighbours.map((peer) => ({
        index: peer,
        clientId: clientIdOf.get(peer) as string,
        identityKey: Buffer.from(identityKeys.get(peer) as Uint8Array).toString('base64'),
      })),
    };
    const personal = context.downlink ? context.downlink.personalize(task, clientId, state.globalWeights, session.deltaDownlink === true) : task;
    session.socket.emit('task', { ...personal, secure: setup });
  }
  context.logger.info(
    { roundId: state.roundId, cohort: state.cohort.size, connected: registry.size, degree: server.degree, threshold: server.threshold, modulusBits },
    'secure round configured',
  );
  state.stage = RoundStage.AdvertiseKeys;
}
