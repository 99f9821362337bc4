import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nacl from 'tweetnacl';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import { FederatedClient, SecureRoundError } from '@edgefl/client';
import type { FederatedClientOptions } from '@edgefl/client';
import { weightShapes } from '@edgefl/models';
import {
  DEFAULT_LIMITS,
  ErrorCode,
  RoundStage,
  encodeAdvertisementRecords,
  encodeShareRecords,
  encodeSignatureRecords,
  encodeTensors,
  parseSecAggAbortMessage,
  parseSecAggAdvertiseMessage,
  parseSecAggSharesMessage,
  parseSecAggSignatureMessage,
} from '@edgefl/protocol';
import type { SecAggAbortMessage, SecAggSignatureMessage, SecAggUnmaskMessage, TaskMessage } from '@edgefl/protocol';
import { levelSumBits } from '@edgefl/quantization';
import { SecAggClientSession, signSurvivorSet } from '@edgefl/secagg';
import type { KeyAdvertisement } from '@edgefl/secagg';
import { ConstantTrainer } from './constant-trainer';
import { SMALL_MODEL } from './start-coordinator';
import { tinyDataset } from './tiny-dataset';

/**
 * A real FederatedClient (index 1) against a raw socket.io server that plays a malicious
 * coordinator: it runs the key stages honestly with two simulated neighbours (2 and 3; n = 3,
 * complete graph, t = 2), then lies in the unmask or consistency stages as `Attack` says. The client must never send
 * `secagg-reveal`; it aborts (`secagg-abort`) and reports a SecureRoundError.
 */
export const ROUND = 'evil/1/1';
export const ALL = [1, 2, 3];
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** What the malicious coordinator can do once the client's masked input is in. */
export interface Attack {
  /** `task.secure.consistencyCheck`; undefined leaves the field out (a coordinator that predates the check). */
  announce: boolean | undefined;
  client?: Partial<FederatedClientOptions>;
  afterMaskedInput(socket: Socket, forge: Forge): void;
  onSignature?(socket: Socket, signature: SecAggSignatureMessage, forge: Forge): void;
}

/** The neighbours' identity keys are the attacker's: it can make them sign whatever set it likes. */
export interface Forge {
  clientKey: Uint8Array;
  signaturesOn(survivors: number[], signers: number[]): Uint8Array;
}

export const HONEST_REQUEST: SecAggUnmaskMessage = {
  type: 'secagg-unmask',
  roundId: ROUND,
  survivors: [2, 3],
  dropouts: [],
};

export async function attack(plan: Attack) {
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: DEFAULT_LIMITS.maxMessageBytes });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const parameters = weightShapes(SMALL_MODEL).reduce((n, shape) => n + shape.reduce((a, b) => a * b, 1), 0);
  const identities = new Map([2, 3].map((index) => [index, nacl.sign.keyPair()] as const));
  const identityOf = (index: number): nacl.SignKeyPair => required(identities, index, 'identity');
  const received: string[] = [];
  const signatures: SecAggSignatureMessage[] = [];
  const sharePeers: number[] = [];
  let abort: SecAggAbortMessage | undefined;
  const forge: Forge = {
    clientKey: new Uint8Array(32),
    signaturesOn: (survivors, signers) =>
      encodeSignatureRecords(
        signers.map((signer) => ({
          clientIndex: signer,
          signature: signSurvivorSet({ roundId: ROUND, clientIndex: signer, survivors }, identityOf(signer).secretKey)
            .signature,
        })),
      ),
  };
  let leave: () => void = () => undefined;
  const left = new Promise<void>((resolve) => (leave = resolve));
  const aborted = new Promise<void>((resolve) => {
    io.on('connection', (socket) => {
      socket.onAny((event: string) => received.push(event));
      socket.on('disconnect', () => leave());
      const neighbours = new Map<number, SecAggClientSession>();
      socket.on('hello', (hello: { identityKey: string }, ack: (reply: object) => void) => {
        forge.clientKey = new Uint8Array(Buffer.from(hello.identityKey, 'base64'));
        ack({ type: 'welcome', protocolVersion: 1, clientId: 'victim', runId: 'evil', limits: DEFAULT_LIMITS });
        const config = {
          cohortSize: 3,
          neighbourCount: 2,
          threshold: 2,
          modulusBits: levelSumBits(8, 3),
          vectorLength: parameters + 1,
        };
        for (const index of [2, 3]) {
          const others = ALL.filter((peer) => peer !== index);
          const keys = new Map(
            others.map((peer) => [peer, peer === 1 ? forge.clientKey : identityOf(peer).publicKey] as const),
          );
          neighbours.set(
            index,
            new SecAggClientSession({
              clientIndex: index,
              roundId: ROUND,
              identitySecretKey: identityOf(index).secretKey,
              config: { ...config, neighbours: others },
              neighbourIdentityKeys: keys,
            }),
          );
        }
        const task: TaskMessage = {
          type: 'task',
          runId: 'evil',
          roundId: ROUND,
          round: 1,
          attempt: 1,
          modelVersion: 0,
          model: SMALL_MODEL,
          weights: encodeTensors(
            weightShapes(SMALL_MODEL).map((shape) => ({
              dtype: 'float32' as const,
              shape,
              data: new Float32Array(shape.reduce((a, b) => a * b, 1)),
            })),
          ),
          training: { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' },
          encoding: { kind: 'float32' },
          timeoutMs: 10_000,
          seed: 7,
          secure: {
            ...config,
            clientIndex: 1,
            bits: 8,
            range: 0.5,
            weightCap: 10,
            stageTimeoutMs: 5_000,
            neighbours: [2, 3].map((index) => ({
              index,
              clientId: `n${index}`,
              identityKey: base64(identityOf(index).publicKey),
            })),
            ...(plan.announce === undefined ? {} : { consistencyCheck: plan.announce }),
          },
        };
        setImmediate(() => socket.emit('task', task));
      });
      const adverts = new Map<number, KeyAdvertisement>();
      socket.on('secagg-advertise', (raw: unknown, ack: (reply: object) => void) => {
        ack({ type: 'accepted', roundId: ROUND });
        const fromClient = parseSecAggAdvertiseMessage(raw);
        adverts.set(1, {
          roundId: ROUND,
          clientIndex: 1,
          shareKey: fromClient.shareKey,
          maskKey: fromClient.maskKey,
          signature: fromClient.signature,
        });
        for (const [index, session] of neighbours) adverts.set(index, session.advertiseKeys());
        socket.emit('secagg-adverts', {
          type: 'secagg-adverts',
          roundId: ROUND,
          advertisements: encodeAdvertisementRecords([2, 3].map((index) => required(adverts, index, 'advertisement'))),
        });
      });
      socket.on('secagg-shares', (raw: unknown, ack: (reply: object) => void) => {
        ack({ type: 'accepted', roundId: ROUND });
        sharePeers.push(...parseSecAggSharesMessage(raw).shares.map((share) => share.peer));
        const toClient = [2, 3].map((index) => {
          const others = ALL.filter((peer) => peer !== index).map((peer) => required(adverts, peer, 'advertisement'));
          const share = required(neighbours, index, 'session')
            .shareKeys(others)
            .shares.find((s) => s.peer === 1);
          if (share === undefined) throw new Error(`neighbour ${index} made no share for the client`);
          return { peer: index, ciphertext: share.ciphertext };
        });
        socket.emit('secagg-share-delivery', {
          type: 'secagg-share-delivery',
          roundId: ROUND,
          shares: encodeShareRecords(toClient, ROUND),
        });
      });
      socket.on('secagg-masked-input', (_raw: unknown, ack: (reply: object) => void) => {
        ack({ type: 'accepted', roundId: ROUND });
        plan.afterMaskedInput(socket, forge);
      });
      socket.on('secagg-signature', (raw: unknown, ack: (reply: object) => void) => {
        ack({ type: 'accepted', roundId: ROUND });
        const signature = parseSecAggSignatureMessage(raw);
        signatures.push(signature);
        plan.onSignature?.(socket, signature, forge);
      });
      socket.on('secagg-abort', (raw: unknown, ack: (reply: object) => void) => {
        ack({ type: 'accepted', roundId: ROUND });
        abort = parseSecAggAbortMessage(raw);
        resolve();
      });
    });
  });
  const client = new FederatedClient({ url, data: tinyDataset(10), trainer: new ConstantTrainer(0.1), ...plan.client });
  const errors: Error[] = [];
  client.on('error', (error) => errors.push(error));
  const stagesSent: RoundStage[] = [];
  client.on('secure-stage', ({ stage }) => stagesSent.push(stage));
  const run = client.run();
  const endRun = () =>
    io.emit('run-end', { type: 'run-end', runId: 'evil', reason: 'completed', modelVersion: 0, rounds: 1 });
  try {
    await aborted;
    // Whatever the client does after its abort (its error event, any forbidden reveal) happens before it
    // has left: end the run and wait until the client is down and its connection closed here.
    endRun();
    await run;
    await left;
    if (abort === undefined) throw new Error('the client left without a secagg-abort');
    return { abort, received, errors, stagesSent, signatures, sharePeers, clientKey: forge.clientKey };
  } finally {
    endRun();
    await run;
    await new Promise<void>((resolve) => io.close(() => resolve()));
  }
}

/** The refusal every attack must end in: no reveal, an abort in Unmask, one SecureRoundError. */
export function expectRefusal(outcome: Awaited<ReturnType<typeof attack>>, reason: RegExp): void {
  expect(outcome.received).not.toContain('secagg-reveal');
  expect(outcome.abort).toMatchObject({ roundId: ROUND, stage: RoundStage.Unmask });
  expect(outcome.abort.reason).toMatch(reason);
  expect(outcome.errors).toHaveLength(1);
  expect(outcome.errors[0]).toBeInstanceOf(SecureRoundError);
  expect((outcome.errors[0] as SecureRoundError).code).toBe(ErrorCode.SecAggViolation);
  expect(outcome.errors[0].message).toMatch(reason);
}

/** The value under `key`, or an error naming what is missing (no `!` on lookups). */
function required<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`no ${what} for ${String(key)}`);
  return value;
}
