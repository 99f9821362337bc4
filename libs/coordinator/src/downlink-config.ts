/** How the coordinator compresses the global model it sends (docs/PROTOCOL.md, "Downlink deltas"). */
export interface DownlinkConfig {
  /** Bits per value of the quantized delta, 1-16. */
  bits: number;
  /** Values per quantization range (as the uplink's `chunkSize`). */
  chunkSize: number;
  /** A client whose base is more than this many versions old gets the full model again. */
  maxLag: number;
}

/** 8 bits, 1024 values per range, a full model at least every 30 versions of a client's base. */
export const DEFAULT_DOWNLINK: DownlinkConfig = { bits: 8, chunkSize: 1024, maxLag: 30 };

/**
 * Fills defaults and checks each field, naming the bad one.
 *
 * @example
 * resolveDownlinkConfig({ bits: 4 }); // { bits: 4, chunkSize: 1024, maxLag: 30 }
 */
export function resolveDownlinkConfig(partial: Partial<DownlinkConfig>): DownlinkConfig {
  const config = { ...DEFAULT_DOWNLINK, ...partial };
  if (!Number.isInteger(config.bits) || config.bits < 1 || config.bits > 16)
    throw new RangeError(`config.downlink.bits must be an integer in [1, 16], got ${config.bits}`);
  if (!Number.isInteger(config.chunkSize) || config.chunkSize < 1)
    throw new RangeError(`config.downlink.chunkSize must be an integer >= 1, got ${config.chunkSize}`);
  if (!Number.isInteger(config.maxLag) || config.maxLag < 1)
    throw new RangeError(`config.downlink.maxLag must be an integer >= 1, got ${config.maxLag}`);
  return config;
}
