import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@edgefl/protocol';
import type { ConnectionLimiter } from './connection-limiter';
import type { CoordinatorConfig } from './coordinator-config';
import type { EdgeGuardConfig } from './edge-guard-config';
import { createEdgeParser } from './edge-parser';

/**
 * The coordinator's socket.io server on its HTTP front: message size cap, heartbeat, the
 * handshake limiter (`allowRequest`, attached to the engine) and the edge parser that bounds
 * every packet before it is decoded.
 *
 * @example
 * const io = createSocketServer(front.server, config, edge, connections);
 * io.on('connection', (socket) => handler.attach(socket));
 */
export function createSocketServer(
  http: HttpServer | HttpsServer,
  config: CoordinatorConfig,
  edge: EdgeGuardConfig,
  connections: ConnectionLimiter,
): Server<ClientToServerEvents, ServerToClientEvents> {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    maxHttpBufferSize: config.limits.maxMessageBytes,
    pingInterval: config.pingIntervalMs,
    pingTimeout: config.pingTimeoutMs,
    serveClient: false,
    connectTimeout: edge.enrollmentTimeoutMs,
    allowRequest: connections.allowRequest,
    parser: createEdgeParser({
      maxTextFrameChars: edge.maxControlMessageBytes,
      maxConnectChars: edge.maxConnectBytes,
      // The packet's own array and binary placeholders sit above the message's nesting.
      maxNestingDepth: edge.maxNestingDepth + 2,
      maxAttachments: edge.maxAttachments,
      preEnrollmentBinaryBytes: edge.maxPreEnrollmentBinaryBytes,
    }),
  });
  connections.attach(io.engine);
  return io;
}
