export { FlagReader } from './flag-reader';
export { readUpdateEncodingFlags } from './update-encoding-flags';
export type { UpdateEncodingFlagDefaults, UpdateEncodingFlags } from './update-encoding-flags';
export { SHARED_FLAG_OPTIONS } from './shared-flag-options';
export { DP_FLAGS_HELP, readDpFlags } from './dp-flags';
export { UPDATE_DEFENCE_HELP, readUpdateDefenceFlags } from './update-defence-flags';
export type { UpdateDefenceFlags } from './update-defence-flags';
export {
  SERVER_OPTIMIZER_FLAG_OPTIONS,
  SERVER_OPTIMIZER_HELP,
  readServerOptimizerFlags,
} from './server-optimizer-flags';
export { LOCAL_TRAINING_FLAG_OPTIONS, localTrainingHelp, readLocalTrainingFlags } from './local-training-flags';
export type { LocalTrainingFlags } from './local-training-flags';
export { DOWNLINK_FLAG_OPTIONS, downlinkHelp, readDownlinkFlags } from './downlink-flags';
export type { DownlinkFlags } from './downlink-flags';
export { readPruningFlags, PRUNING_FLAGS_HELP } from './pruning-flags';
