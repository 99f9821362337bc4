import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { LocalDataset } from '@edgefl/runtime';
import type { ClientIdentity } from './client-identity';
import type { ConnectionOptions } from './connection-policy';
import type { LocalTrainer } from './local-trainer';

/** How to build a {@link FederatedClient}. */
export interface FederatedClientOptions {
  /**
   * The coordinator's URL, e.g. `http://127.0.0.1:7070`. Optional when `urls` is given (then, when
   * both are, `url` is tried first).
   */
  url?: string;
  /**
   * Several coordinator nodes serving the same run (`edgefl-coordinator --redis`), in the order to
   * try them: the client connects to the first and, when a connection attempt fails (the node is
   * down), moves on to the next (wrapping around), enrolling there under the same client id and
   * identity key. A lost connection is first retried on the same node. The retry budget of
   * `connection` counts attempts across all of them.
   *
   * @example
   * new FederatedClient({ urls: ['http://10.0.0.1:7070', 'http://10.0.0.2:7070'], data });
   */
  urls?: readonly string[];
  /** The local training set. It never leaves the client. */
  data: LocalDataset;
  /** A stable id to keep across reconnects; the coordinator assigns one when absent. */
  clientId?: string;
  /** Enrollment token, when the coordinator asks for one. */
  token?: string;
  /**
   * Long-term Ed25519 identity (see {@link generateIdentity}). Its public key is sent at `hello`
   * and the client proves it holds the secret key by signing the coordinator's challenge, on
   * every (re)connection; it also signs the key advertisements of secure rounds. Required by
   * coordinators in allowlist mode (whose list holds its public key). Generated for the client's
   * lifetime when absent.
   */
  identity?: ClientIdentity;
  /** Trains a round; {@link TfjsTrainer} on the active tfjs backend by default. */
  trainer?: LocalTrainer;
  /**
   * Opens the socket; `io` from socket.io-client by default. The transport seam: tests wrap it
   * to watch every packet, apps may route through their own Manager.
   */
  connect?: (url: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;
  /**
   * Extra socket.io-client options (transports, path, TLS...). The client owns (re)connection:
   * `reconnection` and `timeout` here are overridden by {@link FederatedClientOptions.connection}.
   */
  socket?: Partial<ManagerOptions & SocketOptions>;
  /**
   * Connect timeout and retry budget (see {@link ConnectionOptions}): when the coordinator cannot
   * be reached within them, at the start or after a lost connection, `run()` rejects with
   * `CoordinatorUnreachableError`. Defaults: 10 s per attempt, 10 retries with backoff.
   */
  connection?: ConnectionOptions;
  /**
   * Bearer token for {@link FederatedClient.loadModel} when the coordinator does not serve the model
   * publicly; `token` (the enrollment token) when absent.
   */
  modelToken?: string;
  /** How long to wait for the coordinator to acknowledge a message. */
  ackTimeoutMs?: number;
  /** Describes the app embedding the SDK, reported at `hello`. */
  platform?: string;
  /**
   * Secure rounds: insist on the consistency check (default true). The client then signs the
   * survivor set and reveals shares only after t of its neighbours signed the same set, whatever the
   * coordinator announces: a coordinator that skips the check gets a refusal (`secagg-abort`, an
   * `error` event), never a reveal. Set false only to join coordinators that run without it
   * (e.g. benchmarks); a coordinator that announces the check still gets it.
   */
  requireConsistencyCheck?: boolean;
  /**
   * Secure rounds: where the round's secrets come from (round key pairs, self-mask seed, Shamir
   * coefficients, and in distributed-DP rounds the discrete Gaussian noise and randomized rounding);
   * tweetnacl's CSPRNG (`nacl.randomBytes`) by default. **For tests only**: with a predictable
   * source, anyone who can predict it can unmask this client's update and take its noise back out.
   */
  secureRandomBytes?: (length: number) => Uint8Array;
}
