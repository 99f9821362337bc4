export type { ClientRegistryStore } from './client-registry-store';
export type { ModelCheckpoint } from './model-checkpoint';
export type { RegisteredClient } from './registered-client';
export type { RoundRecord } from './round-record';
export type { RoundStore } from './round-store';
export { MemoryRoundStore } from './memory-round-store';
export { MemoryClientRegistry } from './memory-client-registry';
