import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@edgefl/protocol';
import type { ClientChannel, ConnectedClient, ServerEvent, ServerMessage } from './client-channel';
import type { ClientRegistry } from './client-registry';
import type { ClusterRoster, RosterEntry } from './cluster-roster';
import type { LeaderView } from './cluster-leadership';
import type { CoordinatorLogger } from './coordinator-logger';
import { NodeFanOut } from './node-fan-out';
import type { FanOut } from './node-fan-out';

/** The socket.io room each enrolled client joins on its node: the leader sends to it from any node. */
export function clientRoom(clientId: string): string {
  return `client:${clientId}`;
}

/** What a {@link ClusterClientChannel} needs. */
export interface ClusterClientChannelOptions {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  /** This node's own sessions (always fresh). */
  registry: ClientRegistry;
  roster: ClusterRoster;
  /** The ids of the live nodes (the membership's `liveNodes`). */
  liveNodes: () => Promise<string[]>;
  nodeId: string;
  leader: LeaderView;
  logger: CoordinatorLogger;
  /** How often the leader reads the roster again (default 250 ms). */
  refreshMs?: number;
}

/**
 * The {@link ClientChannel} of a coordinator node on Redis: the leader's runner sees the union of
 * every live node's enrolled clients (its own registry, and the other nodes' entries in the
 * {@link ClusterRoster}, read again every `refreshMs` while it leads) and reaches a client on
 * whichever node holds it through socket.io's Redis adapter (each client is in its room,
 * {@link clientRoom}). Messages to one client keep their order: one node publishes them, in order,
 * on one stream; a message for many clients ({@link sendToEach}) is one entry of that stream. A follower broadcasts nothing (its runner does not run; a run-end after a lost
 * lease is not the run's end).
 *
 * @example
 * const channel = new ClusterClientChannel({ io, registry, roster, liveNodes, nodeId, leader, logger });
 * channel.start();
 * channel.send('phone-1', 'goal-met', { type: 'goal-met', roundId, round });
 * channel.sendToEach(['phone-1', 'phone-2'], 'task', task);
 */
export class ClusterClientChannel implements ClientChannel {
  private remote = new Map<string, RosterEntry>();
  private timer?: ReturnType<typeof setInterval>;
  private refreshing = false;
  private readonly waiters = new Set<() => void>();
  private readonly excluded = new Map<string, number>();

  private readonly fanOut: NodeFanOut;

  constructor(private readonly options: ClusterClientChannelOptions) {
    this.fanOut = new NodeFanOut(
      options.io,
      (fanOut) => this.deliver(fanOut),
      (error) => options.logger.warn({ error: error.message }, 'cluster: refused a fan-out from Redis'),
    );
  }

  /** Starts reading the roster (while this node leads). */
  start(): void {
    this.timer ??= setInterval(() => void this.refresh(), this.options.refreshMs ?? 250);
    this.timer.unref();
  }

  /**
   * Leaves `nodeId`'s clients out for `ms` (a leader this node took over from: it stopped renewing,
   * so it is presumed dead, though its registration lasts until its TTL runs out).
   */
  exclude(nodeId: string, ms: number): void {
    this.excluded.set(nodeId, Date.now() + ms);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const wake of [...this.waiters]) wake();
  }

  get size(): number {
    let size = this.options.registry.size;
    for (const clientId of this.remote.keys()) if (!this.options.registry.get(clientId)) size++;
    return size;
  }

  connected(): readonly ConnectedClient[] {
    const local = this.options.registry.all();
    const remote = [...this.remote.values()]
      .filter((entry) => !this.options.registry.get(entry.client.clientId))
      .sort((a, b) => a.connectedAt - b.connectedAt || (a.client.clientId < b.client.clientId ? -1 : 1))
      .map((entry) => entry.client);
    return [...local, ...remote];
  }

  client(clientId: string): ConnectedClient | undefined {
    return this.options.registry.get(clientId) ?? this.remote.get(clientId)?.client;
  }

  async waitForClients(count: number, signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (this.size >= count) return true;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.waiters.delete(wake);
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.add(wake);
        signal.addEventListener('abort', wake, { once: true });
        // The local registry wakes the waiters through the coordinator's client events (`changed`).
      });
    }
    return false;
  }

  /** A client enrolled or left on this node, or the roster moved: waiters look again. */
  changed(): void {
    for (const wake of [...this.waiters]) wake();
  }

  send<E extends ServerEvent>(clientId: string, event: E, message: ServerMessage<E>): boolean {
    if (!this.client(clientId)) return false;
    const room = this.options.io.to(clientRoom(clientId));
    (room.emit as (event: E, message: ServerMessage<E>) => boolean)(event, message);
    return true;
  }

  /**
   * One broadcast to the rooms of the known recipients: the adapter writes the message to its
   * stream once, with the room list, and each node delivers it to the recipients it holds. A round's
   * task (the model) thus crosses Redis once per round, not once per client.
   */
  sendToEach<E extends ServerEvent>(clientIds: readonly string[], event: E, message: ServerMessage<E>): string[] {
    const known = [...new Set(clientIds)].filter((clientId) => this.client(clientId) !== undefined);
    if (known.length === 0) return known;
    const rooms = this.options.io.to(known.map(clientRoom));
    (rooms.emit as (event: E, message: ServerMessage<E>) => boolean)(event, message);
    return known;
  }

  /**
   * Its own clients get their messages on their sockets; the others' go to the other nodes as one
   * {@link NodeFanOut} entry (`shared` once, each recipient's own fields beside it), and the node
   * that holds each recipient builds its message.
   */
  sendEach<E extends ServerEvent>(
    event: E,
    shared: ServerMessage<E>,
    own: ReadonlyMap<string, Partial<ServerMessage<E>>>,
  ): string[] {
    const sent: string[] = [];
    const recipients: FanOut['recipients'] = [];
    for (const [clientId, fields] of own) {
      const session = this.options.registry.get(clientId);
      if (session)
        (session.socket.emit as (event: E, message: ServerMessage<E>) => boolean)(event, { ...shared, ...fields });
      else if (this.remote.has(clientId)) recipients.push({ clientId, own: fields as Record<string, unknown> });
      else continue;
      sent.push(clientId);
    }
    if (recipients.length > 0)
      this.fanOut.publish({ event, shared: shared as unknown as Record<string, unknown>, recipients });
    return sent;
  }

  /** A fan-out from the leader: the recipients this node holds get their messages. */
  private deliver(fanOut: FanOut): void {
    for (const { clientId, own } of fanOut.recipients) {
      const session = this.options.registry.get(clientId);
      if (session)
        (session.socket.emit as (event: string, message: object) => boolean)(fanOut.event, {
          ...fanOut.shared,
          ...own,
        });
    }
  }

  broadcast<E extends ServerEvent>(event: E, message: ServerMessage<E>): void {
    if (!this.options.leader.leading) return;
    (this.options.io.emit as (event: E, message: ServerMessage<E>) => boolean)(event, message);
  }

  /** Reads the roster of the live nodes again (only while this node leads). */
  async refresh(): Promise<void> {
    if (this.refreshing || !this.options.leader.leading) return;
    this.refreshing = true;
    try {
      const now = Date.now();
      const nodes = (await this.options.liveNodes()).filter(
        (id) => id !== this.options.nodeId && (this.excluded.get(id) ?? 0) <= now,
      );
      const next = new Map<string, RosterEntry>();
      for (const entry of await this.options.roster.read(nodes)) {
        const seen = next.get(entry.client.clientId);
        if (!seen || seen.connectedAt < entry.connectedAt) next.set(entry.client.clientId, entry);
      }
      const gone = [...this.remote.keys()].filter((clientId) => !next.has(clientId));
      this.remote = next;
      this.changed();
      for (const clientId of gone) this.onGone?.(clientId);
    } catch (error) {
      this.options.logger.warn({ error: (error as Error).message }, 'cluster roster: could not read it');
    } finally {
      this.refreshing = false;
    }
  }

  /** Called with a remote client that left the roster (its node's relay may have been lost with the node). */
  onGone?: (clientId: string) => void;
}
