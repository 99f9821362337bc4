import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@edgefl/protocol';
import type { ServerEvent } from './client-channel';

/** The event of a fan-out entry on the adapter's stream; its room has no sockets, so no client receives it as is. */
const FAN_OUT_EVENT = 'edgefl:fan-out';
/** The events a fan-out may carry. */
const FAN_OUT_EVENTS: ReadonlySet<string> = new Set<ServerEvent>(['task']);
const FAN_OUT_ROOM = 'edgefl:fan-out';
/** socket.io-adapter's `MessageType.BROADCAST`, the type of a broadcast between nodes (cluster adapter protocol). */
const BROADCAST = 3;

/** One message for clients on other nodes: each recipient gets `{ ...shared, ...own }`. */
export interface FanOut {
  event: ServerEvent;
  shared: Record<string, unknown>;
  recipients: Array<{ clientId: string; own: Record<string, unknown> }>;
}

/** The part of socket.io's cluster adapter (`ClusterAdapter`) a fan-out hooks into. */
interface ClusterAdapterHook {
  uid?: unknown;
  onMessage(message: { type?: unknown; uid?: unknown; nsp?: unknown; data?: unknown }, offset?: string): void;
}

/** An entry of the stream claimed to be a fan-out but is not one. */
export class InvalidFanOutError extends Error {
  override readonly name = 'InvalidFanOutError';
}

/**
 * A message for many clients on other coordinator nodes, each with its own fields, that crosses
 * Redis once: the publishing node writes one broadcast entry to the socket.io adapter's stream (to
 * a room no socket joins), and every other node, reading the stream, hands it to `deliver` instead
 * of socket.io, which builds each recipient's message locally. Being an entry of the same stream
 * as the node's other broadcasts, it keeps their order for each client. Used for a secure round's
 * tasks: the model once, each member's own `secure` setup beside it.
 *
 * @example
 * const fanOut = new NodeFanOut(io, (entry) => deliverToMyClients(entry), (error) => logger.warn(error.message));
 * fanOut.publish({ event: 'task', shared: task, recipients: [{ clientId: 'phone-2', own: { secure } }] });
 */
export class NodeFanOut {
  constructor(
    private readonly io: Server<ClientToServerEvents, ServerToClientEvents>,
    deliver: (fanOut: FanOut) => void,
    refused: (error: InvalidFanOutError) => void,
  ) {
    const adapter = io.of('/').adapter as unknown as Partial<ClusterAdapterHook>;
    const original = adapter.onMessage;
    if (typeof original !== 'function') return; // a single process: nothing arrives from other nodes
    adapter.onMessage = (message, offset) => {
      const raw = fanOutPayload(message, adapter.uid);
      if (raw === undefined) return original.call(adapter, message, offset);
      try {
        deliver(parseFanOut(raw));
      } catch (error) {
        if (error instanceof InvalidFanOutError) refused(error);
        else throw error;
      }
    };
  }

  /** Writes `fanOut` to the stream once; the other nodes deliver it. */
  publish(fanOut: FanOut): void {
    (this.io.to(FAN_OUT_ROOM).emit as (event: string, payload: FanOut) => boolean)(FAN_OUT_EVENT, fanOut);
  }
}

/** The payload of a fan-out broadcast from another node, or undefined for any other message. */
function fanOutPayload(
  message: { type?: unknown; uid?: unknown; nsp?: unknown; data?: unknown },
  ownUid: unknown,
): unknown {
  if (message.type !== BROADCAST || message.nsp !== '/' || message.uid === ownUid) return undefined;
  const packet = (message.data as { packet?: { data?: unknown } } | undefined)?.packet;
  const data = packet?.data;
  if (!Array.isArray(data) || data[0] !== FAN_OUT_EVENT) return undefined;
  return data[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a fan-out read from Redis; throws {@link InvalidFanOutError} naming what is wrong. */
export function parseFanOut(raw: unknown): FanOut {
  if (!isRecord(raw)) throw new InvalidFanOutError('fan-out: not an object');
  const { event, shared, recipients } = raw;
  if (typeof event !== 'string' || !FAN_OUT_EVENTS.has(event))
    throw new InvalidFanOutError(`fan-out: event must be one of ${[...FAN_OUT_EVENTS].join(', ')}`);
  if (!isRecord(shared)) throw new InvalidFanOutError('fan-out: shared must be an object');
  if (!Array.isArray(recipients)) throw new InvalidFanOutError('fan-out: recipients must be an array');
  const checked = recipients.map((recipient, i) => {
    if (!isRecord(recipient) || typeof recipient.clientId !== 'string' || !isRecord(recipient.own))
      throw new InvalidFanOutError(`fan-out: recipients[${i}] must be { clientId, own }`);
    return { clientId: recipient.clientId, own: recipient.own };
  });
  return { event: event as ServerEvent, shared, recipients: checked };
}
