import nacl from 'tweetnacl';
import { RoundStage, encodeBase64 } from '@edgefl/protocol';
import type { SecureRoundSetup } from '@edgefl/protocol';
import type { LocalTrainingResult } from './local-trainer';
import { SecureRoundClient } from './secure-round-client';
import type { SecureRoundChannel } from './secure-round-client';
import { SecureRoundError } from './secure-round-error';

const ROUND = 'run/1/1';
const SETUP: SecureRoundSetup = {
  clientIndex: 1,
  cohortSize: 3,
  neighbourCount: 2,
  threshold: 2,
  modulusBits: 10,
  vectorLength: 4,
  bits: 8,
  range: 0.5,
  weightCap: 10,
  stageTimeoutMs: 1_000,
  neighbours: [2, 3].map((index) => ({
    index,
    clientId: `c${index}`,
    identityKey: encodeBase64(nacl.sign.keyPair().publicKey),
  })),
};

function recordingChannel(): SecureRoundChannel & { sent: Array<{ event: string; message: unknown }> } {
  const sent: Array<{ event: string; message: unknown }> = [];
  return {
    sent,
    send: async (event, message) => {
      sent.push({ event, message });
    },
    enter: () => true,
  };
}

const neverTrains = new Promise<LocalTrainingResult>(() => undefined);
const roundFor = (
  announce: boolean | undefined,
  requireConsistencyCheck: boolean | undefined,
  channel = recordingChannel(),
) =>
  new SecureRoundClient(
    ROUND,
    { ...SETUP, consistencyCheck: announce },
    nacl.sign.keyPair().secretKey,
    neverTrains,
    1,
    channel,
    { requireConsistencyCheck },
  );

describe('SecureRoundClient consistency-check policy', () => {
  it('runs the check when the client requires it OR the coordinator announces it, never on the announcement being off alone', () => {
    expect(roundFor(undefined, undefined).consistencyCheck).toBe(true); // the client's default
    expect(roundFor(false, undefined).consistencyCheck).toBe(true);
    expect(roundFor(true, false).consistencyCheck).toBe(true);
    expect(roundFor(false, false).consistencyCheck).toBe(false);
    expect(() => roundFor(true, 'no' as unknown as boolean)).toThrow(
      'policy.requireConsistencyCheck must be a boolean',
    );
  });

  it('refuses an unmask request it was never asked to sign for: no reveal, secagg-abort, SecureRoundError', async () => {
    const channel = recordingChannel();
    const round = roundFor(false, true, channel);
    await expect(
      round.onUnmask({ type: 'secagg-unmask', roundId: ROUND, survivors: [2, 3], dropouts: [] }),
    ).rejects.toThrow(SecureRoundError);
    expect(channel.sent.map(({ event }) => event)).toEqual(['secagg-abort']);
    expect(channel.sent[0].message).toMatchObject({
      stage: RoundStage.Unmask,
      reason: expect.stringMatching(/coordinator skipped it/),
    });
  });
});

describe('SecureRoundClient repeated messages (docs/PROTOCOL.md "Delivery")', () => {
  it('answers a stage once: a repeat of a stage it answered is ignored, not a reason to abort', async () => {
    const channel = recordingChannel();
    const round = roundFor(undefined, undefined, channel);
    await round.advertise();
    await round.advertise();
    const early = { type: 'secagg-unmask' as const, roundId: ROUND, survivors: [2, 3], dropouts: [] };
    await expect(round.onUnmask(early)).rejects.toThrow(SecureRoundError);
    // The round is left after the refusal: the repeat neither answers nor aborts again.
    await round.onUnmask(early);
    expect(channel.sent.map(({ event }) => event)).toEqual(['secagg-advertise', 'secagg-abort']);
  });
});

describe('SecureRoundClient randomness', () => {
  const advertiseWith = async (randomBytes?: (length: number) => Uint8Array) => {
    const channel = recordingChannel();
    const round = new SecureRoundClient(ROUND, SETUP, nacl.sign.keyPair().secretKey, neverTrains, 1, channel, {
      randomBytes,
    });
    await round.advertise();
    const { shareKey, maskKey } = channel.sent[0].message as { shareKey: Uint8Array; maskKey: Uint8Array };
    return { shareKey: Array.from(shareKey), maskKey: Array.from(maskKey) };
  };
  // A fixed byte pattern per call: the round's key pairs are then fixed too.
  const fixed = () => {
    let call = 0;
    return (length: number) => {
      call++;
      return Uint8Array.from({ length }, (_, i) => (call * 31 + i * 7) & 0xff);
    };
  };

  it("draws the round's secrets from the injected source (tests), from tweetnacl's CSPRNG otherwise", async () => {
    const first = await advertiseWith(fixed());
    expect(await advertiseWith(fixed())).toEqual(first);
    const fromCsprng = await advertiseWith();
    expect(fromCsprng.shareKey).not.toEqual(first.shareKey);
    expect(await advertiseWith()).not.toEqual(fromCsprng);
  });
});
