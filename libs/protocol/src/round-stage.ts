/**
 * The stages a round passes through, shared by both ends and by the secure-aggregation lib (one
 * enum for the whole round). Plain rounds go Configure -> Train -> Aggregate; secure rounds insert
 * the SecAgg stages (Bonawitz et al. 2017, section 4; Bell et al. 2020 keep them on a neighbour
 * graph) between Train and Aggregate: AdvertiseKeys -> ShareKeys -> MaskedInput ->
 * [ConsistencyCheck] -> Unmask. Any stage may end in Abandoned.
 *
 * A SecAgg party (`SecAggClientSession`, `SecAggServerRound` in @edgefl/secagg) uses the subset
 * Configure (setup known, nothing sent yet), the five SecAgg stages, Completed (the sum is known)
 * and Abandoned (nothing more is revealed); it is always in exactly one of them.
 *
 * @example
 * if (session.stage === RoundStage.Abandoned) dropFromRound(clientIndex);
 */
export enum RoundStage {
  Idle = 'idle',
  /** Plain and secure rounds: the task is out. A SecAgg party: configuration known (cohort, graph, threshold, modulus), nothing sent yet. */
  Configure = 'configure',
  Train = 'train',
  /** Round keys advertised, signed with the long-term identity key. */
  AdvertiseKeys = 'advertise-keys',
  /** Shamir shares of the self-mask seed and mask-agreement key sent, encrypted per neighbour. */
  ShareKeys = 'share-keys',
  /** Masked input uploaded. */
  MaskedInput = 'masked-input',
  /**
   * Secure rounds with the consistency check (the default): survivors sign the survivor set U3 with
   * their identity key, and check t neighbours' signatures on it, before anyone unmasks.
   */
  ConsistencyCheck = 'consistency-check',
  /** Shares revealed so the server can remove the masks. */
  Unmask = 'unmask',
  Aggregate = 'aggregate',
  /** The round finished (a SecAgg party: the server knows the sum of the survivors' inputs). */
  Completed = 'completed',
  /** The round was abandoned (a SecAgg party: nothing more is revealed). */
  Abandoned = 'abandoned',
}
