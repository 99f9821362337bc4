export { FlagReader } from './flag-reader';
export { DEFAULT_CLIP_RANGE, readUpdateEncodingFlags } from './update-encoding-flags';
export type { UpdateEncodingFlags } from './update-encoding-flags';
export { SHARED_FLAG_OPTIONS } from './shared-flag-options';
export { readPruningFlags, PRUNING_FLAGS_HELP } from './pruning-flags';
