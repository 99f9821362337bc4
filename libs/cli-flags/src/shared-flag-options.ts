import { DOWNLINK_FLAG_OPTIONS } from './downlink-flags';
import { LOCAL_TRAINING_FLAG_OPTIONS } from './local-training-flags';
import { SERVER_OPTIMIZER_FLAG_OPTIONS } from './server-optimizer-flags';

/**
 * The flags both EdgeFL CLIs understand, in `node:util` `parseArgs` form: how a round trains
 * locally, how updates travel (quantized, secure), and the model's shape. Each CLI spreads these
 * into its own table, so a flag is declared once.
 */
export const SHARED_FLAG_OPTIONS = {
  rounds: { type: 'string' },
  'per-round': { type: 'string' },
  'min-reports': { type: 'string' },
  'round-timeout': { type: 'string' },
  'local-epochs': { type: 'string' },
  'batch-size': { type: 'string' },
  'learning-rate': { type: 'string' },
  optimizer: { type: 'string' },
  bits: { type: 'string' },
  'chunk-size': { type: 'string' },
  secure: { type: 'boolean' },
  'no-secure': { type: 'boolean' },
  'clip-range': { type: 'string' },
  neighbours: { type: 'string' },
  threshold: { type: 'string' },
  'expected-dropout': { type: 'string' },
  'corrupted-fraction': { type: 'string' },
  'weight-cap': { type: 'string' },
  aggregator: { type: 'string' },
  trim: { type: 'string' },
  byzantine: { type: 'string' },
  'krum-select': { type: 'string' },
  'max-update-norm': { type: 'string' },
  ...SERVER_OPTIMIZER_FLAG_OPTIONS,
  ...LOCAL_TRAINING_FLAG_OPTIONS,
  ...DOWNLINK_FLAG_OPTIONS,
  'input-size': { type: 'string' },
  widths: { type: 'string' },
  'data-dir': { type: 'string' },
  'test-limit': { type: 'string' },
  backend: { type: 'string' },
  seed: { type: 'string' },
  'dp-clip': { type: 'string' },
  'dp-noise': { type: 'string' },
  'dp-epsilon': { type: 'string' },
  'dp-delta': { type: 'string' },
  'dp-population': { type: 'string' },
  'dp-clip-quantile': { type: 'string' },
  'prune-sparsity': { type: 'string' },
  'prune-start': { type: 'string' },
  'prune-every': { type: 'string' },
  'prune-steps': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
