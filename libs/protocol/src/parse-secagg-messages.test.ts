import { ErrorCode } from './error-code';
import { expectProtocolError } from './expect-protocol-error.testing';
import { VALID_TASK, withField } from './message-fixtures.testing';
import { parseSecAggAbortMessage } from './parse-secagg-abort-message';
import { parseSecAggAdvertiseMessage } from './parse-secagg-advertise-message';
import { parseSecAggAdvertsMessage } from './parse-secagg-adverts-message';
import { parseSecAggMaskedInputMessage } from './parse-secagg-masked-input-message';
import { parseSecAggRevealMessage } from './parse-secagg-reveal-message';
import { parseSecAggShareDeliveryMessage } from './parse-secagg-share-delivery-message';
import { parseSecAggSharesMessage } from './parse-secagg-shares-message';
import { parseSecAggUnmaskMessage } from './parse-secagg-unmask-message';
import { parseTaskMessage } from './parse-task-message';
import { shareCiphertextBytes } from './secagg-field-readers';

const ROUND = 'run-1/3/1';
const bytes = (n: number, fill = 7): Uint8Array => new Uint8Array(n).fill(fill);
const ADVERT = { clientIndex: 2, shareKey: bytes(32), maskKey: bytes(32, 8), signature: bytes(64, 9) };
const SHARE = { peer: 3, ciphertext: bytes(shareCiphertextBytes(ROUND)) };
const SECURE = {
  clientIndex: 1,
  cohortSize: 3,
  neighbourCount: 2,
  threshold: 2,
  modulusBits: 10,
  vectorLength: 344,
  bits: 8,
  range: 0.5,
  weightCap: 600,
  stageTimeoutMs: 30_000,
  neighbours: [
    { index: 3, clientId: 'c3', identityKey: bytes(32, 3) },
    { index: 2, clientId: 'c2', identityKey: bytes(32, 2) },
  ],
};

describe('secure-aggregation message validators', () => {
  it('accept valid messages of every stage', () => {
    expect(parseSecAggAdvertiseMessage({ type: 'secagg-advertise', roundId: ROUND, ...ADVERT })).toEqual({ type: 'secagg-advertise', roundId: ROUND, ...ADVERT });
    expect(parseSecAggSharesMessage({ type: 'secagg-shares', roundId: ROUND, clientIndex: 2, shares: [SHARE] }).shares).toEqual([SHARE]);
    expect(parseSecAggMaskedInputMessage({ type: 'secagg-masked-input', roundId: ROUND, clientIndex: 2, maskedVector: bytes(5) }).maskedVector).toHaveLength(5);
    const reveal = { type: 'secagg-reveal', roundId: ROUND, clientIndex: 2, selfSeedShares: [{ owner: 1, share: bytes(32) }], maskKeyShares: [] };
    expect(parseSecAggRevealMessage(reveal)).toEqual(reveal);
    const abort = { type: 'secagg-abort', roundId: ROUND, stage: 'unmask', reason: 'asked for both shares of 2' };
    expect(parseSecAggAbortMessage(abort)).toEqual(abort);
    expect(parseSecAggAdvertsMessage({ type: 'secagg-adverts', roundId: ROUND, advertisements: [ADVERT] }).advertisements).toEqual([ADVERT]);
    expect(parseSecAggShareDeliveryMessage({ type: 'secagg-share-delivery', roundId: ROUND, shares: [SHARE] }).shares).toEqual([SHARE]);
    expect(parseSecAggUnmaskMessage({ type: 'secagg-unmask', roundId: ROUND, survivors: [2, 3], dropouts: [] })).toMatchObject({ survivors: [2, 3], dropouts: [] });
  });

  it('refuse wrong sizes, repeats and out-of-range indices, naming the field', () => {
    expectProtocolError(
      () => parseSecAggAdvertiseMessage({ type: 'secagg-advertise', roundId: ROUND, ...ADVERT, signature: bytes(63) }),
      ErrorCode.InvalidMessage,
      'secagg-advertise.signature must be 64 bytes, got 63',
    );
    expectProtocolError(
      () => parseSecAggAdvertiseMessage({ type: 'secagg-advertise', roundId: ROUND, ...ADVERT, clientIndex: 0 }),
      ErrorCode.InvalidMessage,
      'secagg-advertise.clientIndex must be an integer in [1, 65535]',
    );
    expectProtocolError(
      () => parseSecAggSharesMessage({ type: 'secagg-shares', roundId: ROUND, clientIndex: 2, shares: [SHARE, SHARE] }),
      ErrorCode.SecAggViolation,
      'secagg-shares.shares[1] repeats index 3',
    );
    expectProtocolError(
      () => parseSecAggSharesMessage({ type: 'secagg-shares', roundId: ROUND, clientIndex: 2, shares: [{ peer: 3, ciphertext: bytes(10) }] }),
      ErrorCode.InvalidMessage,
      `secagg-shares.shares[0].ciphertext must be ${shareCiphertextBytes(ROUND)} bytes`,
    );
    expectProtocolError(
      () => parseSecAggMaskedInputMessage({ type: 'secagg-masked-input', roundId: ROUND, clientIndex: 2, maskedVector: bytes(11) }, { maxUpdateBytes: 10, maxMessageBytes: 20 }),
      ErrorCode.PayloadTooLarge,
      'maskedVector has 11 bytes',
    );
    expectProtocolError(
      () => parseSecAggRevealMessage({ type: 'secagg-reveal', roundId: ROUND, clientIndex: 2, selfSeedShares: [], maskKeyShares: 'x' }),
      ErrorCode.InvalidMessage,
      'secagg-reveal.maskKeyShares must be an array',
    );
    expectProtocolError(() => parseSecAggAbortMessage({ type: 'secagg-abort', roundId: ROUND, stage: 'lunch', reason: 'x' }), ErrorCode.InvalidMessage, 'secagg-abort.stage');
    expectProtocolError(
      () => parseSecAggUnmaskMessage({ type: 'secagg-unmask', roundId: ROUND, survivors: [2, 2], dropouts: [] }),
      ErrorCode.SecAggViolation,
      'secagg-unmask.survivors must not repeat an index',
    );
    expectProtocolError(
      () => parseSecAggUnmaskMessage({ type: 'secagg-unmask', roundId: ROUND, survivors: [1.5], dropouts: [] }),
      ErrorCode.InvalidMessage,
      'secagg-unmask.survivors.0 must be an integer',
    );
  });

  it('reads the secure setup of a task, neighbours sorted by index, and refuses a client among its own neighbours', () => {
    const task = parseTaskMessage({ ...VALID_TASK, secure: SECURE });
    expect(task.secure?.neighbours.map((n) => n.index)).toEqual([2, 3]);
    expect(task.secure).toMatchObject({ clientIndex: 1, modulusBits: 10, bits: 8, range: 0.5, weightCap: 600 });
    expect('secure' in parseTaskMessage(VALID_TASK)).toBe(false);
    expectProtocolError(
      () => parseTaskMessage(withField({ ...VALID_TASK, secure: SECURE }, 'secure.clientIndex', 2)),
      ErrorCode.InvalidMessage,
      'task.secure.neighbours must not include the client itself',
    );
    expectProtocolError(() => parseTaskMessage(withField({ ...VALID_TASK, secure: SECURE }, 'secure.range', 0)), ErrorCode.InvalidMessage, 'task.secure.range');
    expectProtocolError(() => parseTaskMessage(withField({ ...VALID_TASK, secure: SECURE }, 'secure.modulusBits', 33)), ErrorCode.InvalidMessage, 'task.secure.modulusBits');
  });
});
