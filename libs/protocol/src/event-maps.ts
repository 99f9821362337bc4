import type { HelloMessage, UpdateMessage } from './client-messages';
import type { AcceptedMessage, ErrorReply, RoundEndMessage, RunEndMessage, TaskMessage, WelcomeMessage } from './server-messages';

/** Replies come back through socket.io acknowledgements. */
export type Ack<T> = (reply: T | ErrorReply) => void;

/** Events a client emits; used as `Server<ClientToServerEvents, ServerToClientEvents>` and `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export interface ClientToServerEvents {
  hello: (message: HelloMessage, ack: Ack<WelcomeMessage>) => void;
  update: (message: UpdateMessage, ack: Ack<AcceptedMessage>) => void;
}

/** Events the coordinator emits. */
export interface ServerToClientEvents {
  task: (message: TaskMessage) => void;
  'round-end': (message: RoundEndMessage) => void;
  'run-end': (message: RunEndMessage) => void;
  'protocol-error': (message: ErrorReply) => void;
}
