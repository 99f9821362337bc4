import type { SecAggAbortMessage, SecAggComplaintMessage, UpdateMessage } from '@edgefl/protocol';
import type { LeaderView } from './cluster-leadership';
import { fromWirePartial } from './edge-pre-aggregator';
import type { EdgePreAggregator, HeldUpdateReport, WireNodePartial } from './edge-pre-aggregator';
import type { NodePartial } from './node-partial-sum';
import type {
  HeldMaskedInputReport,
  SecureEdgePreAggregator,
  SecureRoundShape,
  WireMaskedPartial,
} from './secure-edge-pre-aggregator';
import type { CoordinatorLogger } from './coordinator-logger';
import { checkHeldMaskedInputReport, checkHeldUpdateReport } from './held-report-checks';
import type { RoundInbox } from './round-inbox';
import type { SecureStageEvent } from './stages/secure-stage';

/** The server-side event that carries relayed round messages between nodes. */
export const RELAY_EVENT = 'edgefl:relay';

/** A round message a follower relays to the leader, tagged by kind. */
export type RelayedMessage =
  | { kind: 'update'; clientId: string; update: UpdateMessage }
  | { kind: 'secure'; clientId: string; event: SecureStageEvent; raw: unknown }
  | { kind: 'secure-abort'; clientId: string; abort: SecAggAbortMessage }
  | { kind: 'complaint'; clientId: string; complaint: SecAggComplaintMessage }
  | { kind: 'refused' }
  | { kind: 'client-left'; clientId: string }
  | { kind: 'update-held'; report: HeldUpdateReport }
  | { kind: 'round-open'; roundId: string }
  | { kind: 'partial-request'; nodeId: string; roundId: string; accepted: string[] }
  | { kind: 'partial'; partial: WireNodePartial }
  | { kind: 'secure-shape'; shape: SecureRoundShape }
  | { kind: 'masked-input-held'; report: HeldMaskedInputReport }
  | { kind: 'masked-partial-request'; nodeId: string; roundId: string; clients: string[] }
  | { kind: 'masked-partial'; partial: WireMaskedPartial };

/**
 * Edge pre-aggregation on a node: the follower's {@link EdgePreAggregator}, and the leader's side
 * (the runner: it admits held updates and takes the partials its collector asked for).
 */
export interface ClusterPreAggregation {
  edge: EdgePreAggregator;
  /** Secure rounds: masked inputs summed mod 2^m on the node (docs/SCALING.md, "Edge pre-aggregation"). */
  secureEdge?: SecureEdgePreAggregator;
  leader: {
    heldUpdate(report: HeldUpdateReport): void;
    nodePartial(partial: NodePartial): void;
    heldMaskedInput?(report: HeldMaskedInputReport): void;
    maskedPartial?(partial: WireMaskedPartial): void;
  };
}

/** The socket.io server as the relay uses it: server-side events between nodes. */
export interface RelayBus {
  serverSideEmit(event: string, message: RelayedMessage): unknown;
  on(event: string, listener: (message: RelayedMessage) => void): unknown;
}

/**
 * The {@link RoundInbox} of a coordinator node on Redis. On the leader it is the runner itself;
 * on a follower it relays each message to the leader through socket.io's server-side events (the
 * Redis adapter's stream) and acknowledges it with its own round id: the leader's checks (open
 * round, cohort, stage, content) then run on the leader, and a refusal there is logged on the
 * leader and counted in the attempt, not answered to the client (docs/SCALING.md, "Rounds across
 * nodes"). The leader hands relayed messages to its runner ({@link listen}).
 *
 * @example
 * const inbox = new ClusterInbox(io, leadership, runner, logger);
 * inbox.listen();
 * new ConnectionHandler({ ..., inbox });
 */
export class ClusterInbox implements RoundInbox {
  constructor(
    private readonly bus: RelayBus,
    private readonly leader: LeaderView,
    private readonly local: RoundInbox,
    private readonly logger: CoordinatorLogger,
    private readonly preAggregation?: ClusterPreAggregation,
  ) {}

  /**
   * The leader tells every node the id of a plain round it opens, before its tasks go out: a
   * follower holds updates for announced rounds only (others are relayed as they are, for the
   * leader to refuse), so a client's made-up round ids cannot push the open round out of its node.
   */
  announceRound(roundId: string): void {
    this.relay({ kind: 'round-open', roundId });
  }

  /** The leader asks `nodeId` for its partial of `roundId` over the clients it accepted (edge pre-aggregation). */
  requestPartial(nodeId: string, roundId: string, accepted: string[]): void {
    this.relay({ kind: 'partial-request', nodeId, roundId, accepted });
  }

  /** The leader tells every node the shape of a configured secure round's masked vectors. */
  announceSecureShape(shape: SecureRoundShape): void {
    this.relay({ kind: 'secure-shape', shape });
  }

  /** The leader asks `nodeId` for its masked partial of `roundId` over exactly `clients` (secure edge pre-aggregation). */
  requestMaskedPartial(nodeId: string, roundId: string, clients: string[]): void {
    this.relay({ kind: 'masked-partial-request', nodeId, roundId, clients });
  }

  /**
   * Hands the messages other nodes relay to the local runner, while this node leads. Nothing a
   * message does throws out of the listener: relayed messages come over the adapter's Pub/Sub
   * (server-side events are not written to its stream), whose handler swallows a listener's error
   * with a debug line only, so a malformed message (or a partial request this node cannot answer,
   * leaving the leader to drop its clients after its timeout) would leave no trace in the log.
   */
  listen(): void {
    this.bus.on(RELAY_EVENT, (message: RelayedMessage) => {
      try {
        if (typeof message !== 'object' || message === null) throw new TypeError('relayed message is not an object');
        if (message.kind === 'round-open') this.openRound(message.roundId);
        else if (message.kind === 'partial-request') this.answer(message);
        else if (message.kind === 'secure-shape' || message.kind === 'masked-partial-request')
          this.answerSecure(message);
        else if (this.leader.leading) this.deliver(message);
      } catch (error) {
        this.logger.warn(
          { kind: (message as { kind?: unknown } | null)?.kind, error: (error as Error).message },
          'relay: refused a message from another node',
        );
      }
    });
  }

  get openRoundId(): string | undefined {
    return this.local.openRoundId;
  }

  update(clientId: string, update: UpdateMessage): { roundId: string } {
    if (this.leader.leading) return this.local.update(clientId, update);
    let report: HeldUpdateReport | undefined;
    try {
      report = this.preAggregation?.edge.hold(clientId, update);
    } catch (error) {
      // Refused here as the leader would: counted in the attempt's `rejected`, told to the client.
      this.relay({ kind: 'refused' });
      throw error;
    }
    if (report) this.relay({ kind: 'update-held', report });
    else this.relay({ kind: 'update', clientId, update: withoutUndefined(update) });
    return { roundId: update.roundId };
  }

  secureMessage(clientId: string, event: SecureStageEvent, raw: unknown): { roundId: string } {
    if (this.leader.leading) return this.local.secureMessage(clientId, event, raw);
    const report = event === 'secagg-masked-input' ? this.holdMaskedInput(clientId, raw) : undefined;
    if (report) {
      this.relay({ kind: 'masked-input-held', report });
      return { roundId: report.roundId };
    }
    this.relay({ kind: 'secure', clientId, event, raw });
    const roundId = (raw as { roundId?: unknown } | null)?.roundId;
    return { roundId: typeof roundId === 'string' ? roundId : '' };
  }

  secureAbort(clientId: string, abort: SecAggAbortMessage): { roundId: string } {
    if (this.leader.leading) return this.local.secureAbort(clientId, abort);
    this.relay({ kind: 'secure-abort', clientId, abort: withoutUndefined(abort) });
    return { roundId: abort.roundId };
  }

  complaint(clientId: string, complaint: SecAggComplaintMessage): { roundId: string } {
    if (this.leader.leading) return this.local.complaint(clientId, complaint);
    this.relay({ kind: 'complaint', clientId, complaint: withoutUndefined(complaint) });
    return { roundId: complaint.roundId };
  }

  refused(): void {
    if (this.leader.leading) this.local.refused();
    else this.relay({ kind: 'refused' });
  }

  clientLeft(clientId: string): void {
    if (this.leader.leading) this.local.clientLeft(clientId);
    else this.relay({ kind: 'client-left', clientId });
  }

  private relay(message: RelayedMessage): void {
    this.bus.serverSideEmit(RELAY_EVENT, message);
  }

  /** A follower answers the leader's request for its partial (one per node and round). */
  private answer(request: { nodeId: string; roundId: string; accepted: string[] }): void {
    const edge = this.preAggregation?.edge;
    if (edge === undefined || this.leader.leading || request.nodeId !== edge.nodeId) return;
    this.relay({ kind: 'partial', partial: edge.answer(request.roundId, request.accepted) });
  }

  /** A follower learns the id of the plain round the leader opened (a malformed one is ignored). */
  private openRound(roundId: unknown): void {
    const edge = this.preAggregation?.edge;
    if (edge === undefined || this.leader.leading || typeof roundId !== 'string') return;
    edge.open(roundId);
  }

  /** A masked input checked and held here, or `undefined` to relay it as it is (unknown round, or refused: the leader refuses and blames). */
  private holdMaskedInput(clientId: string, raw: unknown): HeldMaskedInputReport | undefined {
    try {
      return this.preAggregation?.secureEdge?.hold(clientId, raw);
    } catch {
      return undefined;
    }
  }

  /** A follower takes a secure round's shape, or answers the leader's request for its masked partial. */
  private answerSecure(message: Extract<RelayedMessage, { kind: 'secure-shape' | 'masked-partial-request' }>): void {
    const edge = this.preAggregation?.secureEdge;
    if (edge === undefined || this.leader.leading) return;
    if (message.kind === 'secure-shape') edge.shape(message.shape);
    else if (message.nodeId === edge.nodeId)
      this.relay({ kind: 'masked-partial', partial: edge.answer(message.roundId, message.clients) });
  }

  private deliver(message: RelayedMessage): void {
    try {
      switch (message.kind) {
        case 'update':
          this.local.update(message.clientId, message.update);
          return;
        case 'secure':
          this.local.secureMessage(message.clientId, message.event, message.raw);
          return;
        case 'secure-abort':
          this.local.secureAbort(message.clientId, message.abort);
          return;
        case 'complaint':
          this.local.complaint(message.clientId, message.complaint);
          return;
        case 'refused':
          this.local.refused();
          return;
        case 'client-left':
          this.local.clientLeft(message.clientId);
          return;
        case 'update-held':
          if (!this.preAggregation) throw new Error('this node does not pre-aggregate');
          this.preAggregation.leader.heldUpdate(checkHeldUpdateReport(message.report));
          return;
        case 'partial':
          this.preAggregation?.leader.nodePartial(fromWirePartial(message.partial));
          return;
        case 'masked-input-held':
          if (!this.preAggregation?.leader.heldMaskedInput)
            throw new Error('this node does not pre-aggregate masked inputs');
          this.preAggregation.leader.heldMaskedInput(checkHeldMaskedInputReport(message.report));
          return;
        case 'masked-partial':
          this.preAggregation?.leader.maskedPartial?.(message.partial);
          return;
        case 'round-open':
        case 'partial-request':
        case 'secure-shape':
        case 'masked-partial-request':
          return;
        default: {
          const unknownKind: never = message;
          this.logger.warn({ message: unknownKind }, 'relay: unknown message kind');
        }
      }
    } catch (error) {
      // A client's message refused here counts in the attempt's `rejected`; a node's partial is no client's message.
      if (message.kind !== 'partial' && message.kind !== 'masked-partial') this.local.refused();
      this.logger.warn(
        {
          kind: message.kind,
          clientId:
            'clientId' in message
              ? message.clientId
              : 'report' in message
                ? (message.report as { clientId?: unknown } | null)?.clientId
                : undefined,
          error: (error as Error).message,
        },
        'relayed round message refused',
      );
    }
  }
}

/**
 * A copy of a parsed message without its undefined fields: the adapter's msgpack would turn them
 * into nulls, which the leader's checks do not expect. Binary fields are kept as they are.
 */
function withoutUndefined<T>(value: T): T {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) copy[key] = withoutUndefined(field);
  return copy as T;
}
