export { FlagReader } from './flag-reader';
export { DEFAULT_CLIP_RANGE, readUpdateEncodingFlags } from './update-encoding-flags';
export type { UpdateEncodingFlags } from './update-encoding-flags';
export { SHARED_FLAG_OPTIONS } from './shared-flag-options';
export { DP_FLAGS_HELP, readDpFlags } from './dp-flags';
export { UPDATE_DEFENCE_HELP, readUpdateDefenceFlags } from './update-defence-flags';
export type { UpdateDefenceFlags } from './update-defence-flags';
export { readPruningFlags, PRUNING_FLAGS_HELP } from './pruning-flags';
