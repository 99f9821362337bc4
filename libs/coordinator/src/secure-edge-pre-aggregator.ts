import { parseSecAggMaskedInputMessage } from '@edgefl/protocol';
import { packMaskedVector, unpackMaskedVector } from '@edgefl/secagg';
import type { CoordinatorConfig } from './coordinator-config';
import { NodeMaskedPartialSum } from './node-masked-partial-sum';

/** What the leader tells every node when a secure round is configured: the shape of its masked vectors. */
export interface SecureRoundShape {
  roundId: string;
  /** m: masked vectors and their sums live mod 2^m. */
  modulusBits: number;
  /** L: elements of a masked vector. */
  vectorLength: number;
}

/** What a follower tells the leader of one masked input it checked and holds: everything but y. */
export interface HeldMaskedInputReport {
  nodeId: string;
  clientId: string;
  roundId: string;
  /** The cohort index the message claims (the leader checks it is the sender's). */
  clientIndex: number;
  /** The packed y's size, for the leader's `update-accepted` event. */
  payloadBytes: number;
}

/** A node's masked partial sum as it crosses Redis: the sum packed at m bits, like one masked input. */
export interface WireMaskedPartial {
  roundId: string;
  nodeId: string;
  /** The clients whose y are in the sum. */
  clients: string[];
  maskedSum: Uint8Array;
}

/** How many secure rounds' held inputs a node keeps (the open one and a few before it). */
const KEPT_ROUNDS = 3;

/**
 * The follower's half of secure edge pre-aggregation: each `secagg-masked-input` of this node's own
 * clients is checked here (message shape and size, y of the round's length L packed at m bits) and
 * added to the node's running sum mod 2^m ({@link NodeMaskedPartialSum}); the leader only hears
 * who sent one ({@link HeldMaskedInputReport}). When the leader's MaskedInput stage closes it names
 * the clients it counted from this node, before it announces the survivor set, and gets one
 * {@link WireMaskedPartial}. A masked input of a round whose shape this node has not heard of, or
 * one the edge refuses, is relayed as it is (the leader then checks it, or refuses it, as before).
 *
 * @example
 * const edge = new SecureEdgePreAggregator('node-1', config);
 * edge.shape({ roundId, modulusBits: 20, vectorLength: 2812 }); // from the leader
 * const report = edge.hold('phone-1', raw); // undefined: relay the message as it is
 * const partial = edge.answer(roundId, ['phone-1']);
 */
export class SecureEdgePreAggregator {
  private readonly shapes = new Map<string, SecureRoundShape>();
  private readonly rounds = new Map<string, NodeMaskedPartialSum>();

  constructor(
    readonly nodeId: string,
    private readonly config: CoordinatorConfig,
  ) {}

  /** The leader configured a secure round (from the relay; a malformed shape is ignored). */
  shape(shape: SecureRoundShape): void {
    const { roundId, modulusBits, vectorLength } = shape;
    if (typeof roundId !== 'string' || !Number.isInteger(modulusBits) || !Number.isInteger(vectorLength)) return;
    this.shapes.set(roundId, { roundId, modulusBits, vectorLength });
    for (const old of [...this.shapes.keys()].slice(0, Math.max(0, this.shapes.size - KEPT_ROUNDS)))
      this.shapes.delete(old);
  }

  /**
   * Checks and holds one client's masked input, returning what to tell the leader; `undefined` when
   * this node does not know the round's shape. Throws (ProtocolError, RangeError, TypeError) for a
   * message the leader would refuse: the caller relays it as it is, so the leader refuses it and
   * blames its sender as today.
   */
  hold(clientId: string, raw: unknown): HeldMaskedInputReport | undefined {
    const roundId = (raw as { roundId?: unknown } | null)?.roundId;
    const shape = typeof roundId === 'string' ? this.shapes.get(roundId) : undefined;
    if (shape === undefined) return undefined;
    const message = parseSecAggMaskedInputMessage(raw, this.config.limits);
    const y = unpackMaskedVector(message.maskedVector, shape.modulusBits, shape.vectorLength);
    this.round(shape).hold(clientId, y);
    return {
      nodeId: this.nodeId,
      clientId,
      roundId: shape.roundId,
      clientIndex: message.clientIndex,
      payloadBytes: message.maskedVector.byteLength,
    };
  }

  /** The leader asks for this node's masked partial of `roundId` over exactly `clients`. */
  answer(roundId: string, clients: readonly string[]): WireMaskedPartial {
    const held = this.rounds.get(roundId);
    this.rounds.delete(roundId);
    const shape = this.shapes.get(roundId);
    if (held === undefined || shape === undefined)
      return { roundId, nodeId: this.nodeId, clients: [], maskedSum: new Uint8Array(0) };
    const { clients: covered, sum } = held.partial(clients);
    return { roundId, nodeId: this.nodeId, clients: covered, maskedSum: packMaskedVector(sum, shape.modulusBits) };
  }

  private round(shape: SecureRoundShape): NodeMaskedPartialSum {
    let sum = this.rounds.get(shape.roundId);
    if (sum === undefined) {
      sum = new NodeMaskedPartialSum(shape.roundId, this.nodeId, shape.modulusBits, shape.vectorLength);
      this.rounds.set(shape.roundId, sum);
      for (const old of [...this.rounds.keys()].slice(0, Math.max(0, this.rounds.size - KEPT_ROUNDS)))
        this.rounds.delete(old);
    }
    return sum;
  }
}
