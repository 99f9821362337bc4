/** A coordinator node refused at start-up: another live node of the run already uses its node id. */
export class DuplicateNodeIdError extends Error {
  override readonly name = 'DuplicateNodeIdError';

  constructor(
    readonly nodeId: string,
    /** How long the other node's registration still lasts without a refresh, in milliseconds. */
    readonly expiresInMs: number,
  ) {
    super(
      `node id ${nodeId} is taken: another live coordinator node of this run registered it in Redis ` +
        `(its registration lasts ${expiresInMs} ms more unless refreshed); give this node another --node-id, ` +
        `or stop the other one`,
    );
  }
}
