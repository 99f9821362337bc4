import type { ModelCheckpoint } from './model-checkpoint';
import type { RoundRecord } from './round-record';

/** Checks a checkpoint the same way for every store, naming the bad field. */
export function assertCheckpoint(checkpoint: ModelCheckpoint, name: string): void {
  if (typeof checkpoint !== 'object' || checkpoint === null) throw new TypeError(`${name} must be an object`);
  if (!Number.isInteger(checkpoint.version) || checkpoint.version < 0) {
    throw new TypeError(`${name}.version must be an integer >= 0, got ${String(checkpoint.version)}`);
  }
  if (!(checkpoint.weights instanceof Float32Array)) throw new TypeError(`${name}.weights must be a Float32Array`);
  if (!Number.isFinite(checkpoint.createdAt))
    throw new TypeError(`${name}.createdAt must be a finite number, got ${String(checkpoint.createdAt)}`);
}

/** Checks a round record the same way for every store, naming the bad field. */
export function assertRoundRecord(record: RoundRecord): void {
  if (typeof record !== 'object' || record === null) throw new TypeError('record must be an object');
  for (const field of ['runId', 'roundId'] as const) {
    if (typeof record[field] !== 'string') throw new TypeError(`record.${field} must be a string`);
  }
  if (record.outcome !== 'completed' && record.outcome !== 'abandoned') {
    throw new TypeError(`record.outcome must be 'completed' or 'abandoned', got ${String(record.outcome)}`);
  }
  if (record.reason !== undefined && typeof record.reason !== 'string')
    throw new TypeError('record.reason must be a string when present');
  const counts = [
    'round',
    'attempt',
    'modelVersion',
    'selected',
    'participants',
    'dropped',
    'rejected',
    'bytesUp',
    'bytesDown',
  ] as const;
  for (const field of counts) {
    if (!Number.isInteger(record[field]) || record[field] < 0)
      throw new TypeError(`record.${field} must be an integer >= 0, got ${String(record[field])}`);
  }
  for (const field of ['startedAt', 'durationMs'] as const) {
    if (!Number.isFinite(record[field]))
      throw new TypeError(`record.${field} must be a finite number, got ${String(record[field])}`);
  }
  for (const field of ['accuracy', 'loss', 'trainLoss'] as const) {
    if (record[field] !== undefined && typeof record[field] !== 'number')
      throw new TypeError(`record.${field} must be a number when present`);
  }
}
