import nacl from 'tweetnacl';
import { RoundStage } from '@edgefl/protocol';
import type { SecureRoundSetup, TaskMessage } from '@edgefl/protocol';
import { levelSumBits } from '@edgefl/quantization';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { SecAggServerRound } from '@edgefl/secagg';
import { buildTaskMessage } from '../build-task-message';
import { roundPruningMask } from '../round-pruning-mask';
import { CohortIndex } from '../cohort-index';
import type { ClientChannel } from '../client-channel';
import { graphParametersFor } from '../check-secure-graph-parameters';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import { planSecureDpRound, secureDpSetupOf } from '../plan-secure-dp-round';
import type { SecureDpRound } from '../plan-secure-dp-round';
import { selectRoundCohort } from '../select-round-cohort';

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
  const { config, clients } = context;
  const secure = config.secure;
  if (!secure) throw new TypeError('runSecureConfigureStage needs config.secure');
  state.stage = RoundStage.Configure;
  const eligible = clients
    .connected()
    .filter((client) => client.identityKey !== undefined && !context.suspicion.isQuarantined(client.clientId));
  const needed = Math.max(2, config.minReports);
  if (eligible.length < needed) {
    throw new RoundAbortedError(
      `only ${eligible.length} clients with an identity key connected and not quarantined, a secure round needs ${needed}`,
    );
  }
  const eligibleIds = eligible.map((client) => client.clientId);
  const cohort = selectRoundCohort(context, state, eligibleIds).sort();
  const cohortIndex = new CohortIndex(cohort);
  const identityKeys = new Map(
    cohortIndex.entries().map(([clientId, index]) => [index, identityKeyOf(clients, clientId)] as const),
  );
  state.pruningMask = roundPruningMask(config, state.modelVersion, state.globalWeights);
  // A pruned model's clients send its kept coordinates only (docs/PROTOCOL.md, "Pruning mask").
  const inputLength = state.pruningMask?.keptIndices.length ?? state.globalWeights.length;
  let vectorLength = inputLength + 1;
  let modulusBits = levelSumBits(secure.bits, cohort.length);
  // Public either way; in simulation mode the round seed decides it, so the same flags give the same graph.
  const graphSeed = config.simulation ? seededGraphSeed(state.seed) : nacl.randomBytes(32);
  let server: SecAggServerRound;
  let dp: SecureDpRound | undefined;
  try {
    const graph = graphParametersFor(secure, cohort.length);
    const build = (): SecAggServerRound =>
      new SecAggServerRound({
        roundId: state.roundId,
        cohortIndices: cohortIndex.allIndices(),
        neighbourCount: graph.neighbourCount,
        threshold: graph.threshold,
        modulusBits,
        vectorLength,
        graphSeed,
        identityPublicKeys: identityKeys,
        consistencyCheck: secure.consistencyCheck !== false,
      });
    server = build();
    if (config.dp) {
      // Distributed DP: the noise depends on the threshold the graph settles on, the modulus on the noise.
      dp = planSecureDpRound(
        config.dp,
        secure.bits,
        inputLength,
        cohort.length,
        server.threshold,
        config.minReports,
        context.dpRandom,
      );
      ({ paddedLength: vectorLength, modulusBits } = dp.plan);
      server = build();
    }
  } catch (error) {
    throw new RoundAbortedError(
      `secure aggregation cannot run with ${cohort.length} clients: ${(error as Error).message}`,
    );
  }
  state.secure = { config: secure, server, cohortIndex, modulusBits, vectorLength, dp };
  const task = buildTaskMessage(config, state);
  state.task = task;
  const groups = new Map<TaskMessage, Map<string, Partial<TaskMessage>>>();
  for (const [clientId, index] of cohortIndex.entries()) {
    const client = clients.client(clientId);
    if (!client) continue;
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
      ...(dp && { dp: secureDpSetupOf(dp) }),
      neighbours: graph.neighbours.map((peer) => ({
        index: peer,
        clientId: cohortIndex.clientIdOf(peer),
        identityKey: Buffer.from(identityKeyOf(clients, cohortIndex.clientIdOf(peer))).toString('base64'),
      })),
    };
    const personal = context.downlink
      ? context.downlink.personalize(task, clientId, state.globalWeights, client.deltaDownlink === true)
      : task;
    const group = groups.get(personal) ?? new Map<string, Partial<TaskMessage>>();
    groups.set(personal, group.set(clientId, { secure: setup }));
  }
  // One send per distinct task (the model once), each member's own setup beside it.
  for (const [personal, own] of groups) clients.sendEach('task', personal, own);
  context.logger.info(
    {
      roundId: state.roundId,
      cohort: state.cohort.size,
      connected: clients.size,
      degree: server.degree,
      threshold: server.threshold,
      modulusBits,
      vectorLength,
    },
    'secure round configured',
  );
  state.stage = RoundStage.AdvertiseKeys;
}

/** 32 graph-seed bytes from the round seed (simulation mode only; the seed is public anyway). */
function seededGraphSeed(roundSeed: number): Uint8Array {
  const random = new SeededRandom(deriveSeed(roundSeed, 'graph'));
  return Uint8Array.from({ length: 32 }, () => random.nextInt(256));
}

/** The identity key a cohort member proved at enrollment (every eligible client has one). */
function identityKeyOf(clients: ClientChannel, clientId: string): Uint8Array {
  const key = clients.client(clientId)?.identityKey;
  if (key === undefined) throw new RoundAbortedError(`cohort member ${clientId} has no identity key`);
  return key;
}
