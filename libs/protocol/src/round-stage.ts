/**
 * The stages a round passes through, shared by both ends. Plain rounds go
 * Configure -> Train -> Aggregate; secure rounds insert the SecAgg stages between
 * Train and Aggregate. Any stage may end in Abandoned.
 */
export enum RoundStage {
  Idle = 'idle',
  Configure = 'configure',
  Train = 'train',
  AdvertiseKeys = 'advertise-keys',
  ShareKeys = 'share-keys',
  MaskedInput = 'masked-input',
  /** Secure rounds with the consistency check (the default): survivors sign the survivor set before anyone unmasks. */
  ConsistencyCheck = 'consistency-check',
  Unmask = 'unmask',
  Aggregate = 'aggregate',
  Completed = 'completed',
  Abandoned = 'abandoned',
}
