/**
 * The stages of one secure-aggregation round, in protocol order (Bonawitz et al. 2017, section 4;
 * Bell et al. 2020 keep the same stages on a neighbour graph). A party is always in exactly one
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
}
