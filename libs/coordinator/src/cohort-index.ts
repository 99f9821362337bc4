/** A client id or cohort index that is not in the round's cohort (a broken precondition, never a silent `undefined`). */
export class UnknownCohortMemberError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownCohortMemberError';
  }
}

/**
 * The checked map between a secure round's client ids (strings, as enrolled) and their 1-based
 * cohort indices (the SecAgg `clientIndex`, also the Shamir share index): index i + 1 is the i-th id
 * of the cohort as given. Looking up an id or index outside the cohort throws
 * {@link UnknownCohortMemberError}, so callers need no `Map.get(...) as T`.
 *
 * @example
 * const cohort = new CohortIndex(['c-a', 'c-b', 'c-c']);
 * cohort.indexOf('c-b');  // 2
 * cohort.clientIdOf(3);   // 'c-c'
 * cohort.indexOf('c-x');  // throws UnknownCohortMemberError
 */
export class CohortIndex {
  private readonly ids: readonly string[];
  private readonly indices: ReadonlyMap<string, number>;

  /**
   * @param clientIds the cohort in index order (distinct ids). It may be empty or too small for a
   * round: whether a cohort can run is the SecAgg server round's call, not this map's.
   */
  constructor(clientIds: readonly string[]) {
    if (!Array.isArray(clientIds)) throw new TypeError('clientIds must be an array of client ids');
    const indices = new Map<string, number>();
    clientIds.forEach((clientId, position) => {
      if (typeof clientId !== 'string') throw new TypeError(`clientIds[${position}] must be a string`);
      if (indices.has(clientId)) throw new RangeError(`client ${clientId} appears twice in the cohort`);
      indices.set(clientId, position + 1);
    });
    this.ids = [...clientIds];
    this.indices = indices;
  }

  /** Cohort size n. */
  get size(): number {
    return this.ids.length;
  }

  /** The client ids in index order (index 1 first). */
  get clientIds(): readonly string[] {
    return this.ids;
  }

  /** The cohort indices 1..n, ascending. */
  allIndices(): number[] {
    return this.ids.map((_, position) => position + 1);
  }

  /** Whether `clientId` is a member of the cohort. */
  has(clientId: string): boolean {
    return this.indices.has(clientId);
  }

  /** The 1-based cohort index of `clientId`; throws {@link UnknownCohortMemberError} outside the cohort. */
  indexOf(clientId: string): number {
    const index = this.indices.get(clientId);
    if (index === undefined) throw new UnknownCohortMemberError(`client ${clientId} is not in the cohort`);
    return index;
  }

  /** The client id at cohort index `index`; throws {@link UnknownCohortMemberError} for any other number. */
  clientIdOf(index: number): string {
    if (!Number.isInteger(index) || index < 1 || index > this.ids.length)
      throw new UnknownCohortMemberError(`cohort index ${index} is not in 1..${this.ids.length}`);
    return this.ids[index - 1];
  }

  /** `[clientId, index]` pairs in index order. */
  entries(): Array<[string, number]> {
    return this.ids.map((clientId, position) => [clientId, position + 1]);
  }
}
