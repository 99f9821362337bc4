import { DEFAULT_COORDINATOR_CONFIG, type CoordinatorConfig } from './coordinator-config';
import { DEFAULT_CORRUPTED_FRACTION, DEFAULT_EXPECTED_DROPOUT } from '@edgefl/secagg';
import { DEFAULT_DOWNLINK } from './downlink-config';
import { DEFAULT_SECURE_AGGREGATION } from './secure-aggregation-config';

/** The defaults of `--secure`/`--no-secure`, `--bits`, `--clip-range`, `--weight-cap` and `--stage-timeout`. */
export interface UpdateEncodingDefaults {
  /** Secure rounds unless `--no-secure`. */
  secure: boolean;
  /** `--bits` in secure rounds (the fixed grid). */
  secureBits: number;
  /** `--bits` with `--no-secure`: 32 is float32 uploads. */
  plainBits: number;
  /** `--clip-range`: the secure grid's range. */
  clipRange: number;
  /** `--weight-cap` of the coordinator CLI (the simulator's default is its largest shard). */
  weightCap: number;
  /** `--stage-timeout` in ms. */
  stageTimeoutMs: number;
  /** `--chunk-size`: values per quantization range, of plain quantized uploads and of downlink deltas alike. */
  chunkSize: number;
  /** `--expected-dropout`. */
  expectedDropout: number;
  /** `--corrupted-fraction`. */
  corruptedFraction: number;
}

/**
 * Both CLIs' encoding defaults, read off the library's one definition ({@link DEFAULT_COORDINATOR_CONFIG}),
 * so that `edgefl-coordinator`, `edgefl-sim` and `new Coordinator()` cannot drift apart.
 *
 * @example
 * updateEncodingDefaults(); // { secure: true, secureBits: 8, plainBits: 32, clipRange: 0.1, weightCap: 1000, stageTimeoutMs: 30000, chunkSize: 1024, expectedDropout: 0.2, corruptedFraction: 0 }
 */
export function updateEncodingDefaults(
  config: Readonly<CoordinatorConfig> = DEFAULT_COORDINATOR_CONFIG,
): UpdateEncodingDefaults {
  const secure = config.secure === false ? DEFAULT_SECURE_AGGREGATION : config.secure;
  return {
    secure: config.secure !== false,
    secureBits: secure.bits,
    plainBits: config.encoding.kind === 'quantized' ? config.encoding.bits : 32,
    clipRange: secure.range,
    weightCap: secure.weightCap,
    stageTimeoutMs: secure.stageTimeoutMs,
    chunkSize: DEFAULT_DOWNLINK.chunkSize,
    expectedDropout: secure.expectedDropout ?? DEFAULT_EXPECTED_DROPOUT,
    corruptedFraction: secure.corruptedFraction ?? DEFAULT_CORRUPTED_FRACTION,
  };
}
