/**
 * The stages of one secure-aggregation round (Bonawitz et al. 2017, section 4; Bell et al. 2020
 * keep the same stages on a neighbour graph). Protocol order: Setup -> AdvertiseKeys -> ShareKeys ->
 * MaskedInput -> [ConsistencyCheck, opt-in] -> Unmask -> Done. A party is always in exactly one
 * stage; `Done` and `Aborted` are final.
 *
 * @example
 * if (session.stage === SecAggStage.Aborted) dropFromRound(clientId);
 */
export enum SecAggStage {
  /** Configuration known (cohort, graph, threshold, modulus); nothing sent yet. */
  Setup = 'setup',
  /** Round keys advertised, signed with the long-term identity key. */
  AdvertiseKeys = 'advertise-keys',
  /** Shamir shares of the self-mask seed and mask-agreement key sent, encrypted per neighbour. */
  ShareKeys = 'share-keys',
  /** Masked input uploaded. */
  MaskedInput = 'masked-input',
  /** Shares revealed so the server can remove the masks. */
  Unmask = 'unmask',
  /** The round finished; the server knows the sum of the survivors' inputs. */
  Done = 'done',
  /** The round was abandoned; nothing more is revealed. */
  Aborted = 'aborted',
  /**
   * Opt-in (`consistencyCheck`), between MaskedInput and Unmask: the survivor set U3 signed with the
   * identity key, and checked against the neighbours' signatures before anything is revealed
   * (Bonawitz et al. 2017, ConsistencyCheck round). Appended last so the existing values keep their place.
   */
  ConsistencyCheck = 'consistency-check',
}
