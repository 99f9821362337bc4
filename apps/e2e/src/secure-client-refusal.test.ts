import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nacl from 'tweetnacl';
import { Server } from 'socket.io';
import { FederatedClient, SecureRoundError } from '@edgefl/client';
import { weightShapes } from '@edgefl/models';
import {
  DEFAULT_LIMITS,
  ErrorCode,
  RoundStage,
  decodeShareRecords,
  encodeAdvertisementRecords,
  encodeShareRecords,
  encodeTensors,
  parseSecAggAbortMessage,
  parseSecAggAdvertiseMessage,
  parseSecAggSharesMessage,
} from '@edgefl/protocol';
import type { SecAggAbortMessage, SecAggAdvertisement, TaskMessage } from '@edgefl/protocol';
import { levelSumBits } from '@edgefl/quantization';
import { SecAggClientSession } from '@edgefl/secagg';
import type { KeyAdvertisement } from '@edgefl/secagg';
import { ConstantTrainer } from './support/constant-trainer';
import { SMALL_MODEL } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

const ROUND = 'evil/1/1';
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const toWire = (advert: KeyAdvertisement): SecAggAdvertisement => ({
  clientIndex: advert.clientId,
  shareKey: advert.shareEncryptionPublicKey,
  maskKey: advert.maskAgreementPublicKey,
  signature: advert.signature,
});
const fromWire = (advert: SecAggAdvertisement): KeyAdvertisement => ({
  roundId: ROUND,
  clientId: advert.clientIndex,
  shareEncryptionPublicKey: advert.shareKey,
  maskAgreementPublicKey: advert.maskKey,
  signature: advert.signature,
});

describe('an honest client against a malicious coordinator', () => {
  it('refuses to reveal both shares of one peer (self seed and mask key of client 2), aborts its session and says so', async () => {
    const http = createServer();
    const io = new Server(http, { maxHttpBufferSize: DEFAULT_LIMITS.maxMessageBytes });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const parameters = weightShapes(SMALL_MODEL).reduce((n, shape) => n + shape.reduce((a, b) => a * b, 1), 0);
    const identities = new Map([2, 3].map((index) => [index, nacl.sign.keyPair()] as const));
    const received: string[] = [];
    let abort: SecAggAbortMessage | undefined;
    const aborted = new Promise<void>((resolve) => {
      io.on('connection', (socket) => {
        socket.onAny((event: string) => received.push(event));
        let clientKey = new Uint8Array(32);
        const neighbours = new Map<number, SecAggClientSession>();
        socket.on('hello', (hello: { identityKey: string }, ack: (reply: object) => void) => {
          clientKey = new Uint8Array(Buffer.from(hello.identityKey, 'base64'));
          ack({ type: 'welcome', protocolVersion: 1, clientId: 'victim', runId: 'evil', limits: DEFAULT_LIMITS });
          const config = { cohortSize: 3, neighbourCount: 2, threshold: 2, modulusBits: levelSumBits(8, 3), vectorLength: parameters + 1 };
          for (const index of [2, 3]) {
            const others = [1, 2, 3].filter((peer) => peer !== index);
            const keys = new Map(others.map((peer) => [peer, peer === 1 ? clientKey : identities.get(peer)!.publicKey] as const));
            neighbours.set(index, new SecAggClientSession({ clientId: index, roundId: ROUND, identitySecretKey: identities.get(index)!.secretKey, config: { ...config, neighbours: others }, neighbourIdentityKeys: keys }));
          }
          const task: TaskMessage = {
            type: 'task',
            runId: 'evil',
            roundId: ROUND,
            round: 1,
            attempt: 1,
            modelVersion: 0,
            model: SMALL_MODEL,
            weights: encodeTensors(weightShapes(SMALL_MODEL).map((shape) => ({ dtype: 'float32' as const, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) }))),
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
              neighbours: [2, 3].map((index) => ({ index, clientId: `n${index}`, identityKey: base64(identities.get(index)!.publicKey) })),
            },
          };
          setImmediate(() => socket.emit('task', task));
        });
        const adverts = new Map<number, KeyAdvertisement>();
        socket.on('secagg-advertise', (raw: unknown, ack: (reply: object) => void) => {
          ack({ type: 'accepted', roundId: ROUND });
          adverts.set(1, fromWire(parseSecAggAdvertiseMessage(raw)));
          for (const [index, session] of neighbours) adverts.set(index, session.advertiseKeys());
          socket.emit('secagg-adverts', { type: 'secagg-adverts', roundId: ROUND, advertisements: encodeAdvertisementRecords([2, 3].map((index) => toWire(adverts.get(index)!))) });
        });
        socket.on('secagg-shares', (raw: unknown, ack: (reply: object) => void) => {
          ack({ type: 'accepted', roundId: ROUND });
          const fromClient = parseSecAggSharesMessage(raw).shares;
          const toClient = [2, 3].map((index) => {
            const others = [1, 2, 3].filter((peer) => peer !== index).map((peer) => adverts.get(peer)!);
            const share = neighbours.get(index)!.shareKeys(others).find((s) => s.recipientId === 1)!;
            return { peer: index, ciphertext: share.ciphertext };
          });
          expect(fromClient.map((share) => share.peer).sort()).toEqual([2, 3]);
          socket.emit('secagg-share-delivery', { type: 'secagg-share-delivery', roundId: ROUND, shares: encodeShareRecords(toClient, ROUND) });
          expect(decodeShareRecords(encodeShareRecords(toClient, ROUND), ROUND, 'x')).toHaveLength(2);
        });
        socket.on('secagg-masked-input', (_raw: unknown, ack: (reply: object) => void) => {
          ack({ type: 'accepted', roundId: ROUND });
          // The attack: client 2 listed as a survivor (reveal its self seed) AND a dropout (reveal its mask key).
          socket.emit('secagg-unmask', { type: 'secagg-unmask', roundId: ROUND, survivors: [2, 3], dropouts: [2] });
        });
        socket.on('secagg-abort', (raw: unknown, ack: (reply: object) => void) => {
          ack({ type: 'accepted', roundId: ROUND });
          abort = parseSecAggAbortMessage(raw);
          resolve();
        });
      });
    });
    // This coordinator runs no consistency check; the client opts out of requiring one so that the
    // session's own unmask rules are what refuses (secure-consistency-refusal.test.ts covers the default).
    const client = new FederatedClient({ url, data: tinyDataset(10), trainer: new ConstantTrainer(0.1), requireConsistencyCheck: false });
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    const stagesSent: RoundStage[] = [];
    client.on('secure-stage', ({ stage }) => stagesSent.push(stage));
    const run = client.run();
    try {
      await aborted;
      expect(abort).toMatchObject({ roundId: ROUND, stage: RoundStage.Unmask });
      expect(abort?.reason).toMatch(/both/i);
      expect(received).not.toContain('secagg-reveal');
      expect(stagesSent).toEqual([RoundStage.AdvertiseKeys, RoundStage.ShareKeys, RoundStage.MaskedInput]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(SecureRoundError);
      expect((errors[0] as SecureRoundError).code).toBe(ErrorCode.SecAggViolation);
    } finally {
      io.emit('run-end', { type: 'run-end', runId: 'evil', reason: 'completed', modelVersion: 0, rounds: 1 });
      await run;
      await new Promise<void>((resolve) => io.close(() => resolve()));
    }
  });
});
