import type { CoordinatorLogger } from './coordinator-logger';
import { mergeNodePartial } from './node-partial-sum';
import type { NodePartial } from './node-partial-sum';
import type { RoundState } from './round-state';
import { NodeReplyWaiter } from './node-reply-waiter';

/** What the leader recorded of one update another node holds. */
export interface RemoteContribution {
  weight: number;
  loss?: number;
}

/** The updates other nodes hold for one round, by node and client (the train stage's record). */
export type RemoteContributions = Map<string, Map<string, RemoteContribution>>;

/**
 * The leader's half of edge pre-aggregation: when the train stage closes it asks each node that
 * holds accepted updates for its partial (naming them, in the leader's order) and folds each into
 * the round's sum once it checks out ({@link mergeNodePartial}). A node that does not answer within
 * `timeoutMs`, or answers with a partial that does not fit, has its clients taken out of the
 * round: they count as dropped and their losses leave the mean, so the round record stays exact.
 *
 * @example
 * const collector = new RemotePartialCollector((nodeId, roundId, accepted) => bus.ask(...), logger, 10_000, (roundId) => bus.open(roundId));
 * collector.announce(state); // before the configure stage sends the tasks
 * await collector.collect(state, train.remote, signal); // then the aggregate stage
 * collector.receive(partial); // from the relay
 */
export class RemotePartialCollector {
  private readonly replies: NodeReplyWaiter<NodePartial>;

  constructor(
    private readonly request: (nodeId: string, roundId: string, accepted: string[]) => void,
    private readonly logger: CoordinatorLogger,
    private readonly timeoutMs = 10_000,
    /** Tells every node the id of a plain round the leader opens (their edges hold updates for announced rounds only). */
    private readonly open?: (roundId: string) => void,
  ) {
    this.replies = new NodeReplyWaiter<NodePartial>(timeoutMs);
  }

  /** Announces the attempt's round id to the other nodes: call it before its tasks go out. */
  announce(state: RoundState): void {
    this.open?.(state.roundId);
  }

  /** A node's partial arrived (ignored unless the leader is waiting for it). */
  receive(partial: NodePartial): void {
    this.replies.settle(partial.nodeId, partial.roundId, partial);
  }

  async collect(state: RoundState, remote: RemoteContributions, signal: AbortSignal): Promise<void> {
    const nodes = [...remote.keys()].sort();
    const partials = await Promise.all(nodes.map((nodeId) => this.ask(nodeId, state.roundId, remote, signal)));
    let folded = 0;
    for (const [i, nodeId] of nodes.entries()) {
      const expected = remote.get(nodeId) ?? new Map<string, RemoteContribution>();
      const partial = partials[i];
      try {
        if (partial === undefined) throw new Error(`node ${nodeId} sent no partial within ${this.timeoutMs} ms`);
        const weights = new Map([...expected].map(([clientId, { weight }]) => [clientId, weight]));
        mergeNodePartial(state.sum, partial, state.roundId, weights);
        folded += expected.size;
      } catch (error) {
        this.logger.warn(
          { roundId: state.roundId, nodeId, clients: expected.size, error: (error as Error).message },
          "a node's partial sum is missing or refused: its clients leave the round",
        );
        withdraw(state, expected);
      }
    }
    this.logger.info(
      { roundId: state.roundId, nodes: nodes.length, clients: folded },
      'folded the partial sums of other nodes',
    );
  }

  private ask(
    nodeId: string,
    roundId: string,
    remote: RemoteContributions,
    signal: AbortSignal,
  ): Promise<NodePartial | undefined> {
    return this.replies.ask(nodeId, roundId, signal, () =>
      this.request(nodeId, roundId, [...(remote.get(nodeId)?.keys() ?? [])]),
    );
  }
}

/** Takes a node's clients out of the round: no longer reported, dropped, their losses out of the mean. */
function withdraw(state: RoundState, clients: ReadonlyMap<string, RemoteContribution>): void {
  state.reported = state.reported.filter((clientId) => !clients.has(clientId));
  for (const [clientId, { weight, loss }] of clients) {
    state.dropped.add(clientId);
    if (loss !== undefined) {
      state.trainLossSum -= weight * loss;
      state.trainLossWeight -= weight;
    }
  }
}
