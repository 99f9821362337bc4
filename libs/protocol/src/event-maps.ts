import type { AuthenticateMessage, HelloMessage, UpdateMessage } from './client-messages';
import type {
  AcceptedMessage,
  ChallengeMessage,
  ErrorReply,
  GoalMetMessage,
  RoundEndMessage,
  RunEndMessage,
  TaskMessage,
  WelcomeMessage,
} from './server-messages';

import type {
  SecAggAbortMessage,
  SecAggComplaintMessage,
  SecAggAdvertiseMessage,
  SecAggMaskedInputMessage,
  SecAggRevealMessage,
  SecAggSharesMessage,
  SecAggSignatureMessage,
} from './secagg-client-messages';
import type {
  SecAggAdvertsMessage,
  SecAggConsistencyMessage,
  SecAggShareDeliveryMessage,
  SecAggUnmaskMessage,
} from './secagg-server-messages';

/** Replies come back through socket.io acknowledgements. */
export type Ack<T> = (reply: T | ErrorReply) => void;

/** Events a client emits; used as `Server<ClientToServerEvents, ServerToClientEvents>` and `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export interface ClientToServerEvents {
  /** Acked with `welcome`, or with `challenge` when the hello names an identity key. */
  hello: (message: HelloMessage, ack: Ack<WelcomeMessage | ChallengeMessage>) => void;
  /** Answers a `challenge`; acked with `welcome`. */
  authenticate: (message: AuthenticateMessage, ack: Ack<WelcomeMessage>) => void;
  update: (message: UpdateMessage, ack: Ack<AcceptedMessage>) => void;
  /** Secure rounds (docs/PROTOCOL.md, "Secure aggregation stages"); each acked with `accepted`. */
  'secagg-advertise': (message: SecAggAdvertiseMessage, ack: Ack<AcceptedMessage>) => void;
  'secagg-shares': (message: SecAggSharesMessage, ack: Ack<AcceptedMessage>) => void;
  'secagg-masked-input': (message: SecAggMaskedInputMessage, ack: Ack<AcceptedMessage>) => void;
  /** Consistency check: answers `secagg-consistency`. */
  'secagg-signature': (message: SecAggSignatureMessage, ack: Ack<AcceptedMessage>) => void;
  'secagg-reveal': (message: SecAggRevealMessage, ack: Ack<AcceptedMessage>) => void;
  'secagg-abort': (message: SecAggAbortMessage, ack: Ack<AcceptedMessage>) => void;
  /** Any secure stage: blames neighbours (a share box that does not open); acked with `accepted`. */
  'secagg-complaint': (message: SecAggComplaintMessage, ack: Ack<AcceptedMessage>) => void;
}

/** Events the coordinator emits. */
export interface ServerToClientEvents {
  task: (message: TaskMessage) => void;
  /** Plain rounds: the goal count has reported; members that have not must not upload (docs/PROTOCOL.md, "goal-met"). */
  'goal-met': (message: GoalMetMessage) => void;
  'round-end': (message: RoundEndMessage) => void;
  'run-end': (message: RunEndMessage) => void;
  'protocol-error': (message: ErrorReply) => void;
  'secagg-adverts': (message: SecAggAdvertsMessage) => void;
  'secagg-share-delivery': (message: SecAggShareDeliveryMessage) => void;
  /** Consistency check (announced in `task.secure.consistencyCheck`): the survivor set to sign. */
  'secagg-consistency': (message: SecAggConsistencyMessage) => void;
  'secagg-unmask': (message: SecAggUnmaskMessage) => void;
}
