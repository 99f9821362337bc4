import { Redis } from 'ioredis';
import nacl from 'tweetnacl';
import { RedisChallengeNonceStore } from '@edgefl/coordinator-store/node';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { ErrorCode, ProtocolError, authSignatureMessage } from '@edgefl/protocol';
import type { HelloMessage } from '@edgefl/protocol';
import { EnrollmentGate } from './enrollment-gate';
import type { PendingChallenge } from './enrollment-gate';

const identity = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
const hello: HelloMessage = {
  type: 'hello',
  protocolVersions: [1],
  agent: { sdk: 'test' },
  identityKey: Buffer.from(identity.publicKey).toString('base64'),
};
const sign = (pending: PendingChallenge): Uint8Array =>
  nacl.sign.detached(authSignatureMessage(pending.nonce, pending.clientId), identity.secretKey);
const SPENT = 'the challenge expired or was already answered (a challenge nonce is single-use): send hello again';

/** What a node does with an authenticate: consume the nonce, then check the signature. */
async function answer(gate: EnrollmentGate, pending: PendingChallenge, signature: Uint8Array): Promise<string> {
  try {
    await gate.consumeChallenge(pending);
    gate.verify(pending, signature);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

let server: RedisTestServer;
const connections: Redis[] = [];
/** One coordinator node's gate: its own Redis connection, the run's shared prefix. */
const node = (prefix: string, ttlMs?: number): { gate: EnrollmentGate; nonces: RedisChallengeNonceStore } => {
  const redis = new Redis(server.url);
  connections.push(redis);
  const nonces = new RedisChallengeNonceStore(redis, { prefix });
  return { gate: new EnrollmentGate({ mode: 'open' }, undefined, nonces, ttlMs), nonces };
};
beforeAll(async () => {
  server = await startRedisTestServer();
});
afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.quit()));
  await server.stop();
});

describe('EnrollmentGate with challenge nonces in Redis (two nodes of one run, a real redis-server)', () => {
  it('accepts a signed answer once: replayed on the same node or on another node it is refused as unauthorized', async () => {
    const a = node('replay:');
    const b = node('replay:');
    const issued = a.gate.challengeFor(hello, 'phone');
    if (!issued) throw new Error('a hello with an identity key gets a challenge');
    await a.gate.recordChallenge(issued.pending);
    const signature = sign(issued.pending);
    expect(await answer(a.gate, issued.pending, signature)).toBe('ok');
    expect(await answer(a.gate, issued.pending, signature)).toBe(`${ErrorCode.Unauthorized}: ${SPENT}`);
    expect(await answer(b.gate, issued.pending, signature)).toBe(`${ErrorCode.Unauthorized}: ${SPENT}`);

    // Answered first on the other node: the record is the run's, so the issuing node refuses it afterwards.
    const second = a.gate.challengeFor(hello, 'phone');
    if (!second) throw new Error('a hello with an identity key gets a challenge');
    await a.gate.recordChallenge(second.pending);
    expect(await answer(b.gate, second.pending, sign(second.pending))).toBe('ok');
    expect(await answer(a.gate, second.pending, sign(second.pending))).toBe(`${ErrorCode.Unauthorized}: ${SPENT}`);
  });

  it('spends the nonce on a wrong answer too: the right one after it is refused', async () => {
    const a = node('wrong:');
    const issued = a.gate.challengeFor(hello, 'phone');
    if (!issued) throw new Error('a hello with an identity key gets a challenge');
    await a.gate.recordChallenge(issued.pending);
    expect(await answer(a.gate, issued.pending, new Uint8Array(64))).toMatch(
      /^unauthorized: authenticate.signature does not verify/,
    );
    expect(await answer(a.gate, issued.pending, sign(issued.pending))).toBe(`${ErrorCode.Unauthorized}: ${SPENT}`);
  });

  it('refuses an answer once Redis expired the nonce', async () => {
    const a = node('expired:', 1);
    const issued = a.gate.challengeFor(hello, 'phone');
    if (!issued) throw new Error('a hello with an identity key gets a challenge');
    await a.gate.recordChallenge(issued.pending);
    // Redis drops the key after its 1 ms TTL: wait for that, not a fixed time.
    const key = a.nonces.keyOf(issued.pending.nonce);
    while ((await connections[connections.length - 1].exists(key)) === 1) await connections[0].ping();
    expect(await answer(a.gate, issued.pending, sign(issued.pending))).toBe(`${ErrorCode.Unauthorized}: ${SPENT}`);
  });

  it('keeps the in-process behaviour without a nonce store: the connection holds the challenge', async () => {
    const gate = new EnrollmentGate({ mode: 'open' });
    const issued = gate.challengeFor(hello, 'phone');
    if (!issued) throw new Error('a hello with an identity key gets a challenge');
    await gate.recordChallenge(issued.pending);
    expect(await answer(gate, issued.pending, sign(issued.pending))).toBe('ok');
  });
});
