import * as protocol from './index';

describe('@edgefl/protocol public API', () => {
  it('exports every runtime value the coordinator and client use', () => {
    expect(Object.keys(protocol).sort()).toEqual(
      [
        'AckRefusedError',
        'DEFAULT_LIMITS',
        'DEFAULT_MODEL_SPEC',
        'ErrorCode',
        'ID_PATTERN',
        'MAX_ERROR_MESSAGE_LENGTH',
        'MAX_MODEL_BLOCKS',
        'MAX_MODEL_DIMENSION',
        'MAX_OFFERED_PROTOCOL_VERSIONS',
        'MAX_QUANTIZATION_BITS',
        'MAX_REASON_LENGTH',
        'MAX_TENSOR_RANK',
        'MAX_TOKEN_LENGTH',
        'PROTOCOL_VERSION',
        'ProtocolError',
        'RoundStage',
        'SUPPORTED_PROTOCOL_VERSIONS',
        'TENSOR_CODEC_MAGIC',
        'TENSOR_DTYPE_CODES',
        'assertUpdateFitsLimits',
        'decodeFloat32Vector',
        'decodeTensors',
        'encodeFloat32Vector',
        'encodeTensors',
        'negotiateProtocolVersion',
        'parseAcceptedMessage',
        'parseAckReply',
        'parseErrorReply',
        'parseHelloMessage',
        'parseRoundEndMessage',
        'parseRunEndMessage',
        'parseTaskMessage',
        'parseUpdateMessage',
        'parseWelcomeMessage',
        'toErrorReply',
        'toUint8Array',
        'MAX_SECAGG_COHORT',
        'shareCiphertextBytes',
        'parseSecAggAdvertiseMessage',
        'parseSecAggSharesMessage',
        'parseSecAggMaskedInputMessage',
        'parseSecAggRevealMessage',
        'parseSecAggAbortMessage',
        'parseSecAggAdvertsMessage',
        'parseSecAggShareDeliveryMessage',
        'parseSecAggUnmaskMessage',
        'ADVERTISEMENT_RECORD_BYTES',
        'OWNED_SHARE_RECORD_BYTES',
        'encodeAdvertisementRecords',
        'decodeAdvertisementRecords',
        'encodeShareRecords',
        'decodeShareRecords',
        'encodeOwnedShareRecords',
        'decodeOwnedShareRecords',
      ].sort(),
    );
  });

  it('keeps the frozen dtype codes', () => {
    expect(protocol.TENSOR_DTYPE_CODES).toEqual({ float32: 1, int32: 2, uint8: 3, uint16: 4, uint32: 5 });
  });
});
