import { unpackMaskedVector } from '@edgefl/secagg';
import type { CoordinatorLogger } from './coordinator-logger';
import type { RoundState } from './round-state';
import type { SecureRoundShape, WireMaskedPartial } from './secure-edge-pre-aggregator';
import { NodeReplyWaiter } from './node-reply-waiter';

/** A node's masked partial sum that does not fit what the leader asked for. */
export class MaskedPartialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskedPartialError';
  }
}

/**
 * The leader's check of one node's masked partial: it must be for `roundId` (the attempt's id, so
 * round and attempt), from `nodeId`, cover exactly `expected` (the clients the leader counted from
 * that node, as a set) and hold L values packed at m bits (so each is below 2^m; nonzero padding
 * is refused). Returns the unpacked sum, or throws a {@link MaskedPartialError} naming what is wrong.
 *
 * @example
 * const sum = checkMaskedPartial(wire, state.roundId, 'node-1', ['phone-1', 'phone-4'], 20, 2812);
 */
export function checkMaskedPartial(
  partial: WireMaskedPartial,
  roundId: string,
  nodeId: string,
  expected: readonly string[],
  modulusBits: number,
  vectorLength: number,
): Uint32Array {
  const from = `masked partial of node ${nodeId}`;
  if (partial.roundId !== roundId)
    throw new MaskedPartialError(`${from} is for ${String(partial.roundId)}, not ${roundId}`);
  if (partial.nodeId !== nodeId) throw new MaskedPartialError(`${from} names node ${String(partial.nodeId)}`);
  if (!Array.isArray(partial.clients)) throw new MaskedPartialError(`${from}: clients is not a list`);
  const named = new Set(partial.clients);
  const wanted = new Set(expected);
  if (named.size !== partial.clients.length || named.size !== wanted.size || [...wanted].some((id) => !named.has(id))) {
    throw new MaskedPartialError(
      `${from} covers ${partial.clients.length} clients, not exactly the ${wanted.size} the leader counted from it`,
    );
  }
  if (!(partial.maskedSum instanceof Uint8Array)) throw new MaskedPartialError(`${from}: maskedSum is not bytes`);
  try {
    return unpackMaskedVector(partial.maskedSum, modulusBits, vectorLength);
  } catch (error) {
    throw new MaskedPartialError(`${from}: ${(error as Error).message}`);
  }
}

/**
 * The leader's half of secure edge pre-aggregation. When a secure round is configured it tells
 * every node the shape of the round's masked vectors ({@link announce}); when the MaskedInput
 * stage's wait ends, and before the survivor set is announced to anyone, it asks each node that
 * holds masked inputs the leader counted for its partial sum over exactly those clients, checks it
 * ({@link checkMaskedPartial}) and hands it to the SecAgg server round. A node that does not answer
 * within `timeoutMs`, or answers with a partial that does not fit, has its clients dropped at this
 * stage: U3 is not announced yet, so they are dropouts like clients that never sent y (their mask
 * keys are rebuilt, their self masks never revealed). Once U3 is announced nothing is dropped this
 * way (the survivors' self-mask shares would be revealed for a y the leader does not have), which
 * is why the partials are asked for first.
 *
 * @example
 * const collector = new MaskedPartialCollector(relay.announce, relay.request, logger);
 * collector.announce(state); // after the secure configure stage
 * const dropped = await collector.collect(state, stage.remote, signal); // before the survivor set goes out
 */
export class MaskedPartialCollector {
  private readonly replies: NodeReplyWaiter<WireMaskedPartial>;

  constructor(
    private readonly shape: (shape: SecureRoundShape) => void,
    private readonly request: (nodeId: string, roundId: string, clients: string[]) => void,
    private readonly logger: CoordinatorLogger,
    private readonly timeoutMs = 10_000,
  ) {
    this.replies = new NodeReplyWaiter<WireMaskedPartial>(timeoutMs);
  }

  /** Tells every node the shape of the configured secure round's masked vectors. */
  announce(state: RoundState): void {
    const secure = state.secure;
    if (secure)
      this.shape({ roundId: state.roundId, modulusBits: secure.modulusBits, vectorLength: secure.vectorLength });
  }

  /** A node's masked partial arrived (ignored unless the leader is waiting for it). */
  receive(partial: WireMaskedPartial): void {
    this.replies.settle(String(partial.nodeId), String(partial.roundId), partial);
  }

  /**
   * Collects the partials of `remote` (node id -> the clients the leader counted from it) into the
   * round's SecAgg server; returns the clients whose node's partial is missing or refused.
   */
  async collect(
    state: RoundState,
    remote: ReadonlyMap<string, readonly string[]>,
    signal: AbortSignal,
  ): Promise<string[]> {
    const secure = state.secure;
    if (!secure) throw new TypeError('MaskedPartialCollector.collect needs a secure round');
    const nodes = [...remote.keys()].sort();
    const partials = await Promise.all(nodes.map((nodeId) => this.ask(nodeId, state.roundId, remote, signal)));
    const dropped: string[] = [];
    let folded = 0;
    for (const [i, nodeId] of nodes.entries()) {
      const expected = remote.get(nodeId) ?? [];
      const partial = partials[i];
      try {
        if (partial === undefined)
          throw new MaskedPartialError(`node ${nodeId} sent no masked partial within ${this.timeoutMs} ms`);
        const sum = checkMaskedPartial(
          partial,
          state.roundId,
          nodeId,
          expected,
          secure.modulusBits,
          secure.vectorLength,
        );
        secure.server.receiveMaskedPartial(
          expected.map((clientId) => secure.cohortIndex.indexOf(clientId)),
          sum,
        );
        folded += expected.length;
      } catch (error) {
        this.logger.warn(
          { roundId: state.roundId, nodeId, clients: expected.length, error: (error as Error).message },
          "a node's masked partial sum is missing or refused: its clients drop out before the survivor set is sent",
        );
        dropped.push(...expected);
      }
    }
    this.logger.info(
      { roundId: state.roundId, nodes: nodes.length, clients: folded },
      'folded the masked partial sums of other nodes',
    );
    return dropped;
  }

  private ask(
    nodeId: string,
    roundId: string,
    remote: ReadonlyMap<string, readonly string[]>,
    signal: AbortSignal,
  ): Promise<WireMaskedPartial | undefined> {
    return this.replies.ask(nodeId, roundId, signal, () =>
      this.request(nodeId, roundId, [...(remote.get(nodeId) ?? [])]),
    );
  }
}
