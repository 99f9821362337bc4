import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { VALID_TASK, withField } from './testing/message-fixtures';
import { parseSecAggAbortMessage } from './parse-secagg-abort-message';
import { parseSecAggComplaintMessage } from './parse-secagg-complaint-message';
import { parseSecAggAdvertiseMessage } from './parse-secagg-advertise-message';
import { parseSecAggAdvertsMessage } from './parse-secagg-adverts-message';
import { parseSecAggConsistencyMessage } from './parse-secagg-consistency-message';
import { parseSecAggMaskedInputMessage } from './parse-secagg-masked-input-message';
import { parseSecAggRevealMessage } from './parse-secagg-reveal-message';
import { parseSecAggShareDeliveryMessage } from './parse-secagg-share-delivery-message';
import { parseSecAggSharesMessage } from './parse-secagg-shares-message';
import { parseSecAggSignatureMessage } from './parse-secagg-signature-message';
import { parseSecAggUnmaskMessage } from './parse-secagg-unmask-message';
import { parseTaskMessage } from './parse-task-message';
import { SHARE_CIPHERTEXT_BYTES } from './secagg-field-readers';
import {
  SHARE_RECORD_BYTES,
  SIGNATURE_RECORD_BYTES,
  encodeAdvertisementRecords,
  encodeOwnedShareRecords,
  encodeShareRecords,
  encodeSignatureRecords,
} from './secagg-record-codec';

const ROUND = 'run-1/3/1';
const bytes = (n: number, fill = 7): Uint8Array => new Uint8Array(n).fill(fill);
const ADVERT = { clientIndex: 2, shareKey: bytes(32), maskKey: bytes(32, 8), signature: bytes(64, 9) };
const SHARE = { peer: 3, ciphertext: bytes(SHARE_CIPHERTEXT_BYTES) };
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
    { index: 3, clientId: 'c3', identityKey: 'AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=' },
    { index: 2, clientId: 'c2', identityKey: 'AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=' },
  ],
};

describe('secure-aggregation message validators', () => {
  it('accept valid messages of every stage', () => {
    expect(parseSecAggAdvertiseMessage({ type: 'secagg-advertise', roundId: ROUND, ...ADVERT })).toEqual({
      type: 'secagg-advertise',
      roundId: ROUND,
      ...ADVERT,
    });
    expect(
      parseSecAggSharesMessage({
        type: 'secagg-shares',
        roundId: ROUND,
        clientIndex: 2,
        shares: encodeShareRecords([SHARE], ROUND),
      }).shares,
    ).toEqual([SHARE]);
    expect(
      parseSecAggMaskedInputMessage({
        type: 'secagg-masked-input',
        roundId: ROUND,
        clientIndex: 2,
        maskedVector: bytes(5),
      }).maskedVector,
    ).toHaveLength(5);
    const reveal = {
      type: 'secagg-reveal',
      roundId: ROUND,
      clientIndex: 2,
      selfSeedShares: [{ owner: 1, share: bytes(32) }],
      maskKeyShares: [],
    };
    const wireReveal = {
      ...reveal,
      selfSeedShares: encodeOwnedShareRecords(reveal.selfSeedShares),
      maskKeyShares: encodeOwnedShareRecords([]),
    };
    expect(parseSecAggRevealMessage(wireReveal)).toEqual(reveal);
    const abort = { type: 'secagg-abort', roundId: ROUND, stage: 'unmask', reason: 'asked for both shares of 2' };
    expect(parseSecAggAbortMessage(abort)).toEqual(abort);
    expect(
      parseSecAggAdvertsMessage({
        type: 'secagg-adverts',
        roundId: ROUND,
        advertisements: encodeAdvertisementRecords([ADVERT]),
      }).advertisements,
    ).toEqual([ADVERT]);
    expect(
      parseSecAggShareDeliveryMessage({
        type: 'secagg-share-delivery',
        roundId: ROUND,
        shares: encodeShareRecords([SHARE], ROUND),
      }).shares,
    ).toEqual([SHARE]);
    expect(
      parseSecAggUnmaskMessage({ type: 'secagg-unmask', roundId: ROUND, survivors: [2, 3], dropouts: [] }),
    ).toMatchObject({ survivors: [2, 3], dropouts: [] });
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
      () =>
        parseSecAggSharesMessage({
          type: 'secagg-shares',
          roundId: ROUND,
          clientIndex: 2,
          shares: encodeShareRecords([SHARE, SHARE], ROUND),
        }),
      ErrorCode.SecAggViolation,
      'secagg-shares.shares repeats index 3',
    );
    expectProtocolError(
      () => parseSecAggSharesMessage({ type: 'secagg-shares', roundId: ROUND, clientIndex: 2, shares: bytes(12) }),
      ErrorCode.InvalidMessage,
      'secagg-shares.shares must hold whole 82-byte records, got 12 bytes',
    );
    expectProtocolError(
      () =>
        parseSecAggMaskedInputMessage(
          { type: 'secagg-masked-input', roundId: ROUND, clientIndex: 2, maskedVector: bytes(11) },
          { maxUpdateBytes: 10, maxMessageBytes: 20 },
        ),
      ErrorCode.PayloadTooLarge,
      'maskedVector has 11 bytes',
    );
    expectProtocolError(
      () =>
        parseSecAggRevealMessage({
          type: 'secagg-reveal',
          roundId: ROUND,
          clientIndex: 2,
          selfSeedShares: new Uint8Array(0),
          maskKeyShares: 'x',
        }),
      ErrorCode.InvalidMessage,
      'secagg-reveal.maskKeyShares must be binary',
    );
    expectProtocolError(
      () => parseSecAggAbortMessage({ type: 'secagg-abort', roundId: ROUND, stage: 'lunch', reason: 'x' }),
      ErrorCode.InvalidMessage,
      'secagg-abort.stage',
    );
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

  it('packs lists into one attachment of fixed-size records (frozen vector) and refuses index 0', () => {
    const record = encodeOwnedShareRecords([{ owner: 0x0102, share: bytes(32, 0xab) }]);
    expect(Buffer.from(record).toString('hex')).toBe(`0201${'ab'.repeat(32)}`);
    expectProtocolError(
      () =>
        parseSecAggRevealMessage({
          type: 'secagg-reveal',
          roundId: ROUND,
          clientIndex: 2,
          selfSeedShares: new Uint8Array(34),
          maskKeyShares: new Uint8Array(0),
        }),
      ErrorCode.InvalidMessage,
      'secagg-reveal.selfSeedShares holds a record with index 0',
    );
    expect(() => encodeAdvertisementRecords([{ ...ADVERT, signature: bytes(3) }])).toThrow(
      /signature must be 64 bytes/,
    );
  });

  it('packs an encrypted share as u16 peer || 80-byte box (frozen vector) and refuses the old nonce-carrying size', () => {
    const record = encodeShareRecords([{ peer: 0x0102, ciphertext: bytes(SHARE_CIPHERTEXT_BYTES, 0xcd) }], ROUND);
    expect(record).toHaveLength(SHARE_RECORD_BYTES);
    expect(Buffer.from(record).toString('hex')).toBe(`0201${'cd'.repeat(80)}`);
    expect(() => encodeShareRecords([{ peer: 3, ciphertext: bytes(24 + SHARE_CIPHERTEXT_BYTES) }], ROUND)).toThrow(
      /ciphertext must be 80 bytes/,
    );
    expect(() => encodeShareRecords([SHARE], '')).toThrow(/roundId/);
    expectProtocolError(
      () =>
        parseSecAggShareDeliveryMessage({
          type: 'secagg-share-delivery',
          roundId: ROUND,
          shares: bytes(2 + 139 + ROUND.length),
        }),
      ErrorCode.InvalidMessage,
      'secagg-share-delivery.shares must hold whole 82-byte records',
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
    expectProtocolError(
      () => parseTaskMessage(withField({ ...VALID_TASK, secure: SECURE }, 'secure.range', 0)),
      ErrorCode.InvalidMessage,
      'task.secure.range',
    );
    expectProtocolError(
      () => parseTaskMessage(withField({ ...VALID_TASK, secure: SECURE }, 'secure.modulusBits', 33)),
      ErrorCode.InvalidMessage,
      'task.secure.modulusBits',
    );
  });

  describe('consistency check', () => {
    const SIGNED = [
      { clientIndex: 2, signature: bytes(64, 2) },
      { clientIndex: 3, signature: bytes(64, 3) },
    ];
    const unmask = (consistency: unknown) => ({
      type: 'secagg-unmask',
      roundId: ROUND,
      survivors: [2, 3],
      dropouts: [],
      consistency,
    });

    it('accepts the survivor set, a signature, and an unmask request carrying the delivery', () => {
      const request = { type: 'secagg-consistency', roundId: ROUND, survivors: [1, 2, 3] };
      expect(parseSecAggConsistencyMessage(request)).toEqual(request);
      const signature = { type: 'secagg-signature', roundId: ROUND, clientIndex: 2, signature: bytes(64) };
      expect(parseSecAggSignatureMessage(signature)).toEqual(signature);
      expect(
        parseSecAggUnmaskMessage(unmask({ survivors: [1, 2, 3], signatures: encodeSignatureRecords(SIGNED) }))
          .consistency,
      ).toEqual({ survivors: [1, 2, 3], signatures: SIGNED });
      expect('consistency' in parseSecAggUnmaskMessage(unmask(undefined))).toBe(false);
      expect(
        parseTaskMessage({ ...VALID_TASK, secure: { ...SECURE, consistencyCheck: true } }).secure?.consistencyCheck,
      ).toBe(true);
      expect(parseTaskMessage({ ...VALID_TASK, secure: SECURE }).secure?.consistencyCheck).toBe(false);
      expect(
        parseSecAggAbortMessage({
          type: 'secagg-abort',
          roundId: ROUND,
          stage: 'consistency-check',
          reason: 'set differs',
        }).stage,
      ).toBe('consistency-check');
    });

    it('packs signatures as 68-byte records, u32le signer then the signature (frozen vector)', () => {
      const record = encodeSignatureRecords([{ clientIndex: 0x0102, signature: bytes(64, 0xcd) }]);
      expect(record).toHaveLength(SIGNATURE_RECORD_BYTES);
      expect(Buffer.from(record).toString('hex')).toBe(`02010000${'cd'.repeat(64)}`);
      expect(() => encodeSignatureRecords([{ clientIndex: 0, signature: bytes(64) }])).toThrow(
        /index must be an integer in \[1, 65535\]/,
      );
      expect(() => encodeSignatureRecords([{ clientIndex: 2, signature: bytes(63) }])).toThrow(
        /signature must be 64 bytes/,
      );
    });

    it('refuses bad fields, naming them', () => {
      expectProtocolError(
        () =>
          parseSecAggSignatureMessage({
            type: 'secagg-signature',
            roundId: ROUND,
            clientIndex: 2,
            signature: bytes(63),
          }),
        ErrorCode.InvalidMessage,
        'secagg-signature.signature must be 64 bytes, got 63',
      );
      expectProtocolError(
        () => parseSecAggSignatureMessage({ type: 'secagg-signature', roundId: ROUND, signature: bytes(64) }),
        ErrorCode.InvalidMessage,
        'secagg-signature.clientIndex',
      );
      expectProtocolError(
        () => parseSecAggConsistencyMessage({ type: 'secagg-consistency', roundId: ROUND, survivors: [1, 1] }),
        ErrorCode.SecAggViolation,
        'secagg-consistency.survivors must not repeat an index',
      );
      expectProtocolError(
        () => parseSecAggConsistencyMessage({ type: 'secagg-consistency', roundId: ROUND, survivors: 'all' }),
        ErrorCode.InvalidMessage,
        'secagg-consistency.survivors',
      );
      expectProtocolError(
        () => parseSecAggUnmaskMessage(unmask({ survivors: [1, 2, 3], signatures: new Uint8Array(67) })),
        ErrorCode.InvalidMessage,
        'secagg-unmask.consistency.signatures must hold whole 68-byte records, got 67 bytes',
      );
      expectProtocolError(
        () =>
          parseSecAggUnmaskMessage(
            unmask({ survivors: [1, 2, 3], signatures: encodeSignatureRecords([SIGNED[0], SIGNED[0]]) }),
          ),
        ErrorCode.SecAggViolation,
        'secagg-unmask.consistency.signatures repeats index 2',
      );
      const outOfRange = new Uint8Array(SIGNATURE_RECORD_BYTES);
      outOfRange.set([0x00, 0x00, 0x01, 0x00]); // 65536
      expectProtocolError(
        () => parseSecAggUnmaskMessage(unmask({ survivors: [1, 2, 3], signatures: outOfRange })),
        ErrorCode.InvalidMessage,
        'secagg-unmask.consistency.signatures holds a record with index 65536',
      );
      expectProtocolError(
        () => parseSecAggUnmaskMessage(unmask({ signatures: new Uint8Array(0) })),
        ErrorCode.InvalidMessage,
        'secagg-unmask.consistency.survivors',
      );
      expectProtocolError(
        () => parseSecAggUnmaskMessage(unmask('yes')),
        ErrorCode.InvalidMessage,
        'secagg-unmask.consistency must be an object',
      );
      expectProtocolError(
        () => parseTaskMessage(withField({ ...VALID_TASK, secure: SECURE }, 'secure.consistencyCheck', 'on')),
        ErrorCode.InvalidMessage,
        'task.secure.consistencyCheck must be a boolean',
      );
    });
  });
});

describe('parseSecAggComplaintMessage', () => {
  const complaint = { type: 'secagg-complaint', roundId: ROUND, clientIndex: 2, accused: [5, 3], kind: 'share-box' };

  it('accepts the docs/PROTOCOL.md vector', () => {
    expect(
      parseSecAggComplaintMessage(
        JSON.parse(
          '{"type":"secagg-complaint","roundId":"run-1/3/1","clientIndex":2,"accused":[5,3],"kind":"share-box"}',
        ),
      ),
    ).toEqual(complaint);
  });

  it('refuses an empty, repeated or self accusation and unknown kinds, naming the field', () => {
    expectProtocolError(
      () => parseSecAggComplaintMessage({ ...complaint, accused: [] }),
      ErrorCode.InvalidMessage,
      'secagg-complaint.accused must name at least one index',
    );
    expectProtocolError(
      () => parseSecAggComplaintMessage({ ...complaint, accused: [5, 5] }),
      ErrorCode.SecAggViolation,
      'secagg-complaint.accused must not repeat an index',
    );
    expectProtocolError(
      () => parseSecAggComplaintMessage({ ...complaint, accused: [2] }),
      ErrorCode.SecAggViolation,
      'secagg-complaint.accused must not name the complainer itself',
    );
    expectProtocolError(
      () => parseSecAggComplaintMessage({ ...complaint, accused: [0] }),
      ErrorCode.InvalidMessage,
      'secagg-complaint.accused.0 must be an integer in [1, 65535]',
    );
    expectProtocolError(
      () => parseSecAggComplaintMessage({ ...complaint, kind: 'mood' }),
      ErrorCode.InvalidMessage,
      'secagg-complaint.kind',
    );
  });
});
