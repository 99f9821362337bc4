export { FlagReader } from './flag-reader';
export { DEFAULT_CLIP_RANGE, readUpdateEncodingFlags } from './update-encoding-flags';
export type { UpdateEncodingFlags } from './update-encoding-flags';
