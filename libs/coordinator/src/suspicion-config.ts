/**
 * Who the coordinator trusts less after an attempt went wrong (docs/THREAT-MODEL.md, "One client
 * cannot end a run"). Settings of {@link SuspicionPolicy}; every field has a default.
 */
export interface SuspicionConfig {
  /** A client whose score reaches this is quarantined: never selected until the quarantine ends. */
  quarantineScore: number;
  /** Completed rounds a quarantine lasts; the client then comes back on probation (score quarantineScore - 1). */
  quarantineRounds: number;
  /** Distinct peers one client may accuse over the run (complaints beyond them are ignored): a false complainer's reach. */
  maxAccusedPerClient: number;
}

export const DEFAULT_SUSPICION_CONFIG: SuspicionConfig = {
  quarantineScore: 3,
  quarantineRounds: 10,
  maxAccusedPerClient: 2,
};

/**
 * Fills defaults and checks every field, naming the bad one.
 *
 * @example
 * resolveSuspicionConfig({ quarantineRounds: 5 }); // quarantineScore 3, maxAccusedPerClient 2
 */
export function resolveSuspicionConfig(partial: Partial<SuspicionConfig> = {}): SuspicionConfig {
  if (typeof partial !== 'object' || partial === null) throw new TypeError('config.suspicion must be an object');
  const config: SuspicionConfig = { ...DEFAULT_SUSPICION_CONFIG, ...partial };
  for (const name of ['quarantineScore', 'quarantineRounds', 'maxAccusedPerClient'] as const) {
    const value = config[name];
    if (!Number.isSafeInteger(value) || value < 1)
      throw new RangeError(`config.suspicion.${name} must be a positive integer, got ${String(value)}`);
  }
  return config;
}
