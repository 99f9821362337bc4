export type { ModelCheckpoint } from './model-checkpoint';
export type { RoundRecord } from './round-record';
export type { RoundStore } from './round-store';
export { MemoryRoundStore } from './memory-round-store';
