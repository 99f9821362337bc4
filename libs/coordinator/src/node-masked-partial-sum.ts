import { ErrorCode, ProtocolError } from '@edgefl/protocol';

/**
 * One node's share of a secure round's MaskedInput stage (edge pre-aggregation): the masked vectors
 * y of its own clients, checked on the node, kept as a running sum mod 2^m. The leader later names
 * the clients it counted in U3 from this node; {@link partial} is then the sum mod 2^m over exactly
 * those (the running sum, minus any held y the leader did not count). A sum of masked vectors is
 * still masked: only the unmasking on the leader, with the survivors' revealed shares, removes the
 * masks, and it removes them from the sum of all survivors' y whichever way it was grouped.
 *
 * @example
 * const node = new NodeMaskedPartialSum('run/3/1', 'node-1', 20, 2812);
 * node.hold('phone-1', y1); node.hold('phone-2', y2);
 * node.partial(['phone-2', 'phone-1']); // { clients: ['phone-2', 'phone-1'], sum: y1 + y2 mod 2^20 }
 */
export class NodeMaskedPartialSum {
  private readonly held = new Map<string, Uint32Array>();
  private readonly sum: Uint32Array;
  private readonly modulus: number;

  constructor(
    readonly roundId: string,
    readonly nodeId: string,
    readonly modulusBits: number,
    readonly vectorLength: number,
  ) {
    if (!Number.isInteger(modulusBits) || modulusBits < 1 || modulusBits > 32)
      throw new RangeError(`modulusBits must be an integer in [1, 32], got ${modulusBits}`);
    if (!Number.isInteger(vectorLength) || vectorLength < 1)
      throw new RangeError(`vectorLength must be a positive integer, got ${vectorLength}`);
    this.modulus = 2 ** modulusBits;
    this.sum = new Uint32Array(vectorLength);
  }

  /** How many masked inputs are held. */
  get size(): number {
    return this.held.size;
  }

  /** Adds one client's checked y (length L, values below 2^m) to the running sum; a second y of the client is refused. */
  hold(clientId: string, maskedVector: Uint32Array): void {
    if (this.held.has(clientId))
      throw new ProtocolError(
        ErrorCode.DuplicateReport,
        `client ${clientId} already sent secagg-masked-input in round ${this.roundId}`,
      );
    if (maskedVector.length !== this.vectorLength)
      throw new RangeError(`masked input has length ${maskedVector.length}, expected ${this.vectorLength}`);
    for (let i = 0; i < maskedVector.length; i++) {
      if (maskedVector[i] >= this.modulus)
        throw new RangeError(`masked input has elements not below 2^${this.modulusBits}`);
    }
    this.held.set(clientId, maskedVector);
    addMod(this.sum, maskedVector, this.modulus, 1);
  }

  /**
   * The sum mod 2^m over exactly `clients` (the leader's list for this node, in its order), and the
   * clients it covers: `clients` minus any this node does not hold (the leader then refuses the
   * partial, as it must cover its list exactly). Forgets what it held.
   */
  partial(clients: readonly string[]): { clients: string[]; sum: Uint32Array } {
    const listed = new Set(clients);
    const sum = this.sum.slice();
    for (const [clientId, y] of this.held) if (!listed.has(clientId)) addMod(sum, y, this.modulus, -1);
    const covered = [...listed].filter((clientId) => this.held.has(clientId));
    this.held.clear();
    this.sum.fill(0);
    return { clients: covered, sum };
  }
}

/** sum += sign * y, element-wise mod `modulus` (exact in doubles: every operand is below 2^32). */
function addMod(sum: Uint32Array, y: Uint32Array, modulus: number, sign: 1 | -1): void {
  for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] + sign * y[i] + modulus) % modulus;
}
