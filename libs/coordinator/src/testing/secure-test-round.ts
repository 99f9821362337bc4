import type { SecureRoundSetup } from '@edgefl/protocol';
import type { CoordinatorConfigInput } from '../coordinator-config';
import type { SecureStage, SecureStageEvent } from '../stages/secure-stage';
import { SecureTestCohort } from './secure-test-cohort';
import type { SecureClientEvent } from './secure-test-cohort';
import { testRoundContext } from './test-round-context';
import { testRoundState } from './test-round-state';

/** The secure settings of the stage tests: 8-bit levels, stage deadlines far beyond a test's length. */
export const TEST_SECURE = { range: 0.05, bits: 8, weightCap: 1_000, stageTimeoutMs: 60_000 } as const;

/** Client k's input (its levels): a fixed pattern per client, the weight level last. */
export function testSecureInput(clientId: string, setup: SecureRoundSetup): Uint32Array {
  const k = setup.clientIndex;
  const x = Uint32Array.from({ length: setup.vectorLength }, (_, i) => (k * 31 + i * 7) % 2 ** setup.bits);
  x[x.length - 1] = 10 + k;
  return x;
}

/**
 * A secure round's context and state with an honest {@link SecureTestCohort} of `clientIds`
 * connected, wired so that the coordinator's messages reach the cohort and the cohort's answers
 * reach whichever stage `open` holds (refusals are collected, not thrown).
 *
 * @example
 * const round = secureTestRound(['a', 'b', 'c']);
 * runSecureConfigureStage(round.context, round.state);
 * await runSecureStages(round.context, round.state, (stage) => (round.open = stage));
 */
export function secureTestRound(clientIds: readonly string[], config: CoordinatorConfigInput = {}) {
  const { context, channel, stop } = testRoundContext({
    clientsPerRound: clientIds.length,
    overSelection: 1,
    minReports: 2,
    stageGraceFactor: 0,
    // Simulation mode: the graph seed comes from the round seed.
    simulation: { canonicalOrder: true },
    secure: TEST_SECURE,
    ...config,
  });
  const state = testRoundState();
  const round = {
    context,
    channel,
    stop,
    state,
    open: undefined as SecureStage | undefined,
    refusals: [] as Array<{ clientId: string; event: SecureClientEvent; error: unknown }>,
    cohort: undefined as unknown as SecureTestCohort,
  };
  round.cohort = new SecureTestCohort(clientIds, testSecureInput, (clientId, event, message) => {
    try {
      round.open?.receive(clientId, event as SecureStageEvent, message);
    } catch (error) {
      round.refusals.push({ clientId, event, error });
    }
  });
  for (const client of round.cohort.clients()) channel.connect(client);
  channel.onSend = (sent) => round.cohort.hear(sent);
  return round;
}

/** sum_k x_k mod 2^m over the given inputs. */
export function sumMod(inputs: Iterable<Uint32Array>, modulusBits: number): Uint32Array {
  let total: Uint32Array | undefined;
  for (const x of inputs) {
    total ??= new Uint32Array(x.length);
    for (let i = 0; i < x.length; i++) total[i] = Number((BigInt(total[i]) + BigInt(x[i])) % 2n ** BigInt(modulusBits));
  }
  return total ?? new Uint32Array(0);
}
