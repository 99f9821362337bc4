import nacl from 'tweetnacl';
import { ErrorCode, RoundStage } from '@edgefl/protocol';
import type { SecAggAdvertiseMessage } from '@edgefl/protocol';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundState } from '../round-state';
import type { SecureRoundState } from '../secure-round-state';
import { SecureTestCohort } from '../testing/secure-test-cohort';
import { TEST_SECURE, secureTestRound, sumMod, testSecureInput } from '../testing/secure-test-round';
import { AdvertiseKeysStage } from './advertise-keys-stage';
import type { SecureStageEvent } from './secure-stage';
import { runSecureConfigureStage } from './secure-configure-stage';
import { runSecureStages } from './run-secure-stages';

const IDS = ['a', 'b', 'c', 'd', 'e'];

/** The secure part of a round that went through Unmask (its sum and survivors set). */
function unmaskedOf(state: RoundState): SecureRoundState & { sum: Uint32Array; survivors: readonly number[] } {
  const secure = state.secure;
  if (!secure?.sum || !secure.survivors) throw new Error('the round did not unmask');
  return { ...secure, sum: secure.sum, survivors: secure.survivors };
}

describe('secure stages (in memory, honest SecAgg+ clients, no sockets)', () => {
  it('configure numbers the cohort 1..n by id and sends each member its own setup with its neighbours and their identity keys', () => {
    const round = secureTestRound(IDS, { secure: { ...TEST_SECURE, neighbours: 2, threshold: 2 } });
    round.channel.connect('keyless'); // no identity key: never eligible
    runSecureConfigureStage(round.context, round.state);
    const { state, channel, cohort } = round;
    expect([...state.cohort]).toEqual(IDS);
    expect(state.stage).toBe(RoundStage.AdvertiseKeys);
    expect(channel.sentTo('keyless', 'task')).toEqual([]);
    const setups = IDS.map((clientId) => channel.sentTo(clientId, 'task')[0].secure);
    expect(setups.map((setup) => setup?.clientIndex)).toEqual([1, 2, 3, 4, 5]);
    for (const setup of setups) {
      expect(setup).toMatchObject({ cohortSize: 5, neighbourCount: 2, threshold: 2, bits: 8, consistencyCheck: true });
      expect(setup?.vectorLength).toBe(state.globalWeights.length + 1);
      for (const peer of setup?.neighbours ?? []) {
        expect(peer.clientId).toBe(IDS[peer.index - 1]);
        expect(peer.identityKey).toBe(Buffer.from(cohort.identityOf(peer.clientId).publicKey).toString('base64'));
      }
    }
  });

  it('configure abandons the attempt when fewer than max(2, minReports) clients proved an identity key', () => {
    const round = secureTestRound(['a', 'b'], { minReports: 2 });
    round.channel.disconnect('b');
    round.channel.connect('keyless');
    expect(() => runSecureConfigureStage(round.context, round.state)).toThrow(
      new RoundAbortedError(
        'only 1 clients with an identity key connected and not quarantined, a secure round needs 2',
      ),
    );
  });

  it('advertise -> share -> masked input -> consistency -> unmask: the unmasked sum is exactly the sum of the inputs mod 2^m', async () => {
    const round = secureTestRound(IDS);
    runSecureConfigureStage(round.context, round.state);
    const stages: RoundStage[] = [];
    await runSecureStages(round.context, round.state, (stage) => {
      round.open = stage;
      stages.push(stage.stage);
    });
    const { state, channel, cohort } = round;
    expect(cohort.errors).toEqual([]);
    expect(round.refusals).toEqual([]);
    expect(stages).toEqual([
      RoundStage.AdvertiseKeys,
      RoundStage.ShareKeys,
      RoundStage.MaskedInput,
      RoundStage.ConsistencyCheck,
      RoundStage.Unmask,
    ]);
    for (const event of ['secagg-adverts', 'secagg-share-delivery', 'secagg-consistency', 'secagg-unmask'] as const)
      expect(channel.recipientsOf(event).sort()).toEqual(IDS);
    const secure = unmaskedOf(state);
    expect(secure.survivors).toEqual([1, 2, 3, 4, 5]);
    expect(state.reported).toEqual(expect.arrayContaining(IDS));
    expect([...secure.sum]).toEqual([...sumMod(cohort.inputs.values(), secure.modulusBits)]);
  });

  it("a member that leaves after sharing keys is unmasked out: the sum is the other members' inputs", async () => {
    const round = secureTestRound(IDS);
    round.cohort.silentFrom.set('c', 'secagg-share-delivery');
    const hear = round.channel.onSend;
    round.channel.onSend = (sent) => {
      hear?.(sent);
      if (sent.to === 'c' && sent.event === 'secagg-share-delivery')
        setImmediate(() => {
          round.channel.disconnect('c');
          round.open?.dropClient('c');
        });
    };
    runSecureConfigureStage(round.context, round.state);
    await runSecureStages(round.context, round.state, (stage) => (round.open = stage));
    const secure = unmaskedOf(round.state);
    expect(round.cohort.errors).toEqual([]);
    expect(secure.survivors).toEqual([1, 2, 4, 5]);
    expect(round.state.dropped).toEqual(new Set(['c']));
    expect(round.channel.sentTo('c', 'secagg-unmask')).toEqual([]);
    const survivorInputs = [...round.cohort.inputs].filter(([id]) => id !== 'c').map(([, x]) => x);
    expect([...secure.sum]).toEqual([...sumMod(survivorInputs, secure.modulusBits)]);
  });

  it('in simulation mode a stage waits for every member, however long the first answers took (no grace period): the seed, not timing, decides the survivors', async () => {
    // With a grace of 1x the time the first answers took (as low as 0 ms), e's late advert would be cut off.
    const round = secureTestRound(IDS, { stageGraceFactor: 1, stageGraceMinMs: 0 });
    const answered = new Set<string>();
    round.cohort = new SecureTestCohort(IDS, testSecureInput, (clientId, event, message) => {
      const deliver = (): void => {
        try {
          round.open?.receive(clientId, event as SecureStageEvent, message);
        } catch (error) {
          round.refusals.push({ clientId, event, error });
        }
      };
      if (event !== 'secagg-advertise') return deliver();
      answered.add(clientId);
      // e is the member a simulator's busy worker thread reaches last: it answers well after the others.
      if (clientId === 'e') setTimeout(deliver, 200);
      else deliver();
    });
    round.channel.onSend = (sent) => round.cohort.hear(sent);
    runSecureConfigureStage(round.context, round.state);
    await runSecureStages(round.context, round.state, (stage) => (round.open = stage));
    expect(answered).toEqual(new Set(IDS));
    expect(round.refusals).toEqual([]);
    expect(round.state.dropped).toEqual(new Set());
    expect(unmaskedOf(round.state).survivors).toEqual([1, 2, 3, 4, 5]);
  });

  it('a stage refuses forged, misaddressed, duplicate, stray and out-of-order messages with named codes, and drops the forger', async () => {
    const round = secureTestRound(['a', 'b', 'c']);
    const adverts: Array<{ clientId: string; message: SecAggAdvertiseMessage }> = [];
    round.cohort = new SecureTestCohort(
      ['a', 'b', 'c'],
      () => new Uint32Array(0),
      (clientId, event, message) => {
        if (event === 'secagg-advertise') adverts.push({ clientId, message: message as SecAggAdvertiseMessage });
      },
    );
    round.channel.onSend = (sent) => round.cohort.hear(sent);
    runSecureConfigureStage(round.context, round.state);
    const stage = new AdvertiseKeysStage(round.context, round.state, round.state.cohort, 60_000);
    const closed = stage.run();
    await new Promise(setImmediate);
    expect(adverts.map((advert) => advert.clientId)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = adverts.map((advert) => advert.message);
    const code = (clientId: string, event: Parameters<typeof stage.receive>[1], raw: unknown): unknown => {
      try {
        stage.receive(clientId, event, raw);
        return 'accepted';
      } catch (error) {
        return (error as { code?: unknown }).code;
      }
    };
    expect(code('a', 'secagg-advertise', a)).toBe('accepted');
    expect(code('a', 'secagg-advertise', a)).toBe(ErrorCode.DuplicateReport);
    expect(code('stranger', 'secagg-advertise', a)).toBe(ErrorCode.WrongRound);
    expect(code('b', 'secagg-shares', b)).toBe(ErrorCode.SecAggViolation);
    expect(code('b', 'secagg-advertise', { ...b, clientIndex: 3 })).toBe(ErrorCode.SecAggViolation);
    // b is not dropped for a message of the wrong stage, but it is for one naming another index.
    expect(round.state.dropped.has('b')).toBe(true);
    const forged = nacl.sign.detached(new Uint8Array(32), nacl.sign.keyPair().secretKey);
    expect(code('c', 'secagg-advertise', { ...c, signature: forged })).toBe(ErrorCode.SecAggViolation);
    expect(round.state.blame.evidence.get('c')).toMatch(/^secagg-advertise refused: /);
    // Only a answered and the others dropped: too few to go on.
    const aborted = await closed.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(aborted).toBeInstanceOf(RoundAbortedError);
    expect((aborted as RoundAbortedError).reason).toMatch(/only 1 clients advertised keys/);
    // The stage is closed: a dropped member's message is late.
    expect(code('b', 'secagg-advertise', b)).toBe(ErrorCode.LateReport);
  });
});
