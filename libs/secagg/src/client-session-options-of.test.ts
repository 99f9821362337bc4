import { encodeBase64 } from '@edgefl/protocol';
import type { SecureRoundSetup } from '@edgefl/protocol';
import { clientSessionOptionsOf } from './client-session-options-of';

const KEY_2 = new Uint8Array(32).fill(2);
const KEY_5 = Uint8Array.from({ length: 32 }, (_, i) => i);
const SETUP: SecureRoundSetup = {
  clientIndex: 3,
  cohortSize: 6,
  neighbourCount: 2,
  threshold: 2,
  modulusBits: 20,
  vectorLength: 11,
  bits: 8,
  range: 0.5,
  weightCap: 100,
  stageTimeoutMs: 1000,
  neighbours: [
    { index: 2, clientId: 'b', identityKey: encodeBase64(KEY_2) },
    { index: 5, clientId: 'e', identityKey: encodeBase64(KEY_5) },
  ],
  consistencyCheck: false,
};

describe('clientSessionOptionsOf', () => {
  it("maps the wire's setup to the session's options: parameters, neighbour indices and decoded identity keys", () => {
    const identitySecretKey = new Uint8Array(64).fill(9);
    const randomBytes = (n: number): Uint8Array => new Uint8Array(n);
    const options = clientSessionOptionsOf(SETUP, {
      roundId: 'r1',
      identitySecretKey,
      consistencyCheck: true,
      randomBytes,
    });
    expect(options).toEqual({
      clientIndex: 3,
      roundId: 'r1',
      identitySecretKey,
      config: {
        cohortSize: 6,
        neighbourCount: 2,
        threshold: 2,
        modulusBits: 20,
        vectorLength: 11,
        neighbours: [2, 5],
        // The client's decision, not the announcement's `false`.
        consistencyCheck: true,
      },
      neighbourIdentityKeys: new Map([
        [2, KEY_2],
        [5, KEY_5],
      ]),
      randomBytes,
    });
  });

  it('refuses an identity key that is not canonical base64', () => {
    const bad = { ...SETUP, neighbours: [{ index: 2, clientId: 'b', identityKey: 'not base64!' }] };
    expect(() =>
      clientSessionOptionsOf(bad, { roundId: 'r1', identitySecretKey: new Uint8Array(64), consistencyCheck: true }),
    ).toThrow(/base64/);
  });
});
