import type { RoundRecord } from '../round-record';

/** A completed or abandoned round record with fixed, plausible values; `extra` overrides any field. */
export function roundRecordFixture(
  round: number,
  outcome: RoundRecord['outcome'],
  modelVersion: number,
  extra: Partial<RoundRecord> = {},
): RoundRecord {
  return {
    runId: 'run',
    round,
    attempt: 1,
    roundId: `run/${round}/1`,
    outcome,
    modelVersion,
    selected: 3,
    participants: 3,
    dropped: 0,
    rejected: 0,
    bytesUp: 10,
    bytesDown: 20,
    startedAt: 1_700_000_000_000,
    durationMs: 5,
    ...extra,
  };
}

/** The float32 bit patterns of `weights`, so that tests compare NaN payloads and -0 exactly. */
export function float32Bits(weights: Float32Array | undefined): number[] {
  return weights ? Array.from(new Uint32Array(weights.buffer, weights.byteOffset, weights.length)) : [];
}
