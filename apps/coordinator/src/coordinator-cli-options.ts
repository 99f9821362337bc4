import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  downlinkHelp,
  DP_FLAGS_HELP,
  FlagReader,
  localTrainingHelp,
  PRUNING_FLAGS_HELP,
  readDownlinkFlags,
  readDpFlags,
  readLocalTrainingFlags,
  readPruningFlags,
  readServerOptimizerFlags,
  readUpdateDefenceFlags,
  readUpdateEncodingFlags,
  SERVER_OPTIMIZER_HELP,
  SHARED_FLAG_OPTIONS,
  UPDATE_DEFENCE_HELP,
} from '@edgefl/cli-flags';
import {
  DEFAULT_COORDINATOR_CONFIG,
  DEFAULT_UPDATE_DEFENCE,
  parseAllowlist,
  updateEncodingDefaults,
} from '@edgefl/coordinator';
import type { CoordinatorConfigInput, EdgeGuardConfig, EnrollmentMode } from '@edgefl/coordinator';

/** The CLI's view: the coordinator's config plus how to evaluate and log. */
export interface CoordinatorCliOptions {
  config: CoordinatorConfigInput;
  evalDataset: 'auto' | 'fashion-mnist' | 'synthetic' | 'none';
  dataDir?: string;
  /** Where durable state lives (SQLite); absent keeps everything in memory. */
  stateDir?: string;
  /** Redis URL to keep the state and the client registry in instead (`redis://HOST:PORT`); excludes `stateDir`. */
  redis?: string;
  /** This node's id among the nodes serving the run on `redis` (default: generated). */
  nodeId?: string;
  /** Where deployment artifacts go (DIR/vN/); default DIR = <stateDir>/model; absent without either. */
  modelDir?: string;
  testLimit: number;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Who may enroll; the token and allowlist keys are already resolved (never logged). */
  enrollment: EnrollmentMode;
  /** PEM files to serve https/wss with. */
  tls?: { certFile: string; keyFile: string };
  edge: Partial<EdgeGuardConfig>;
  /** Clients to wait for before the first round (default: the round's minimum). */
  waitForClients?: number;
  /** Simultaneous dashboard viewers. */
  dashboardMaxViewers?: number;
  /** How long a shutdown waits for open connections before it destroys them. */
  shutdownDeadlineMs: number;
}

/** Every default below comes from the library's one definition (DEFAULT_COORDINATOR_CONFIG); none is restated here. */
const D = DEFAULT_COORDINATOR_CONFIG;
const ENCODING = updateEncodingDefaults();

export const COORDINATOR_HELP = `edgefl-coordinator: serve the EdgeFL protocol over socket.io and run FedAvg rounds.

Usage: edgefl-coordinator [flags]

  --config FILE          JSON file with any of the flags below in camelCase (flags win)
  --port P               TCP port (default 7070; 0 picks a free one)
  --host H               address to bind (default 127.0.0.1)
  --run-id ID            name of the run (default ${D.runId})
  --rounds R             rounds to complete (default ${D.rounds})
  --per-round K          reports wanted per round, the goal count (default ${D.clientsPerRound})
  --over-selection X     clients selected per round as a multiple of the goal (default ${D.overSelection})
  --min-reports N        fewest reports that make a round; fewer abandons it (default ${D.minReports})
  --round-timeout MS     reporting deadline per round (default ${D.roundTimeoutMs})
  --retry-delay MS       pause before retrying an abandoned round (default ${D.retryDelayMs})
  --max-attempts N       abandoned attempts of a round in a row that quarantine nobody new before the
                         run stops (default ${D.maxAttemptsPerRound})
  --stage-grace-factor X once a stage has what the round needs after T ms, the rest get
                         max(--stage-grace-min, X * T) more; 0 waits for the deadline (default ${D.stageGraceFactor})
  --stage-grace-min MS   shortest such grace period (default ${D.stageGraceMinMs})
  --quarantine-score N   suspicion score at which a client is quarantined (default ${D.suspicion.quarantineScore})
  --quarantine-rounds R  completed rounds a quarantine lasts (default ${D.suspicion.quarantineRounds})
  --max-accused N        distinct peers one client's complaints may accuse over the run (default ${D.suspicion.maxAccusedPerClient})
  --local-epochs E       local epochs per round (default ${D.training.epochs})
  --batch-size B         local batch size (default ${D.training.batchSize})
  --learning-rate LR     local learning rate (default ${D.training.learningRate})
  --optimizer O          adam | sgd (default ${D.training.optimizer})
${localTrainingHelp(D.learningRateSchedule.kind)}  --secure               secure aggregation, SecAgg+${ENCODING.secure ? ' (default)' : ''}: the coordinator learns only the cohort's sum
  --no-secure            plain FedAvg over individual (optionally quantized) uploads${ENCODING.secure ? '' : ' (default)'}
  --bits B               quantization bits: 1-16 (default ${ENCODING.secureBits} when secure), or 32 for float (plain only; default ${ENCODING.plainBits} then)
  --clip-range C         secure: weighted deltas are clipped to [-C, C] (default ${ENCODING.clipRange})
  --neighbours K         secure: neighbours per client on the SecAgg+ graph (default: chosen per round from n and
                         --expected-dropout so that a round fails with probability <= 1e-6, e.g. 74 at n = 100)
  --threshold T          secure: Shamir threshold, K/2 < T <= K (default: chosen with K, floor(K/2) + 1 without colluders)
  --expected-dropout P   secure: declared chance that a selected client drops out of a round (default ${ENCODING.expectedDropout})
  --corrupted-fraction G secure: fraction of clients that may collude with the coordinator (default ${ENCODING.corruptedFraction})
  --weight-cap N         a client's weight is min(samples, N) (default ${ENCODING.weightCap}): in secure rounds
                         min(samples, N) / N, in plain rounds the FedAvg weight
  --stage-timeout MS     secure: deadline of each key and unmask stage (default ${ENCODING.stageTimeoutMs})
  --chunk-size N         values per quantization range (default ${ENCODING.chunkSize})
  --error-feedback       plain quantized rounds: clients carry the quantization residual into the next round
${DP_FLAGS_HELP}
${UPDATE_DEFENCE_HELP}${SERVER_OPTIMIZER_HELP}${downlinkHelp(D.downlink ? D.downlink.bits : 32)}  --max-update-bytes N   largest accepted update payload (default ${D.limits.maxUpdateBytes})
  --input-size S         square input side of the model (default ${D.model.inputShape[0]})
  --widths A,B           separable conv widths (default ${D.model.widths.join(',')})
  --eval-dataset D       held-out set: auto | fashion-mnist | synthetic | none (default auto)
  --data-dir DIR         Fashion-MNIST directory (else env EDGEFL_DATA, else /usr/share/datasets/fashion-mnist)
  --test-limit N         held-out examples to evaluate on (default 10000)
  --backend B            tfjs backend for evaluation: auto | tensorflow | wasm | cpu (default auto, or env EDGEFL_BACKEND)
  --state-dir DIR        keep models and the round log in DIR/edgefl.sqlite (created if missing) and
                         resume from the last committed model on restart (default: in memory, lost on exit)
  --redis URL            keep models, the round log and the client registry in Redis (redis://HOST:PORT;
                         run it with appendonly yes) instead of --state-dir, and resume from its last
                         committed model on restart; several coordinators on the same URL serve one run as
                         nodes (docs/SCALING.md)
  --node-id ID           this node's id among the nodes of the run: 1-64 chars of [A-Za-z0-9_.-] (default:
                         node- and 8 random hex digits); a second live node with the same id is refused
  --model-dir DIR        write the deployment artifacts (TF.js, ONNX, TFLite, sparse .efls, deployment.json) of the
                         last model version to DIR/vN/ when the run ends (default: STATE_DIR/model;
                         needs a held-out set, so not with --eval-dataset none)
  --auth MODE            open | token | allowlist (default: allowlist with --allowlist, token with a
                         token, else open)
  --auth-token T         shared enrollment token (prefer env EDGEFL_AUTH_TOKEN: flags show in ps)
  --allowlist FILE       Ed25519 public keys (base64), one per line; clients prove possession by
                         signing a challenge
  --registry-cap N       open mode: most clients the client registry keeps (least recently seen are
                         forgotten, their ids and keys freed; default 100000)
  --registry-ttl-days D  open mode: clients not seen for D days are forgotten (default 30)
  --tls-cert FILE        PEM certificate: serve https/wss (needs --tls-key)
  --tls-key FILE         PEM private key of --tls-cert
  --rate-limit N         messages per second per connection (default 20)
  --rate-burst N         messages a connection may send at once (default 40)
  --max-control-bytes N  largest message other than update (default 65536)
  --max-rejections N     refused messages per 10 s before a connection is closed (default 30)
  --max-connections N    live connections in all (default 10000)
  --max-pending N        live connections not yet enrolled (default 512)
  --max-pending-per-address N
                         the same, per remote address (default 128)
  --enrollment-timeout MS  a connection that has not enrolled by then is closed (default 10000)
  --max-connect-bytes N  largest socket.io CONNECT packet (auth payload) (default 4096)
  --max-auth-failures N  failed authentications per address per minute before it is refused (default 10)
  --allowed-origins A,B  browser origins allowed besides the coordinator's own, or * (default: none;
                         clients without an Origin header are always allowed)
  --dashboard-max-viewers N  simultaneous dashboard viewers (default 64)
  --ping-interval MS     socket.io heartbeat: how often each connection is pinged (default 25000)
  --ping-timeout MS      a connection whose pong is later than MS is closed (default 60000)
  --shutdown-deadline MS on SIGTERM/SIGINT, connections still open after MS are destroyed (default 5000)
  --wait-for-clients N   connected clients to wait for before the first round (in a secure run only clients
                         with a proven identity key enroll, so only they count; with --redis, on all the
                         run's live nodes together)
  --seed S               seed of the initial model, cohorts and client seeds (default 1)
${PRUNING_FLAGS_HELP}  --log-level L          debug | info | warn | error | silent (default info)
  --help                 this text
`;

const FLAGS = {
  ...SHARED_FLAG_OPTIONS,
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'run-id': { type: 'string' },
  'over-selection': { type: 'string' },
  'retry-delay': { type: 'string' },
  'max-attempts': { type: 'string' },
  'stage-grace-factor': { type: 'string' },
  'stage-grace-min': { type: 'string' },
  'quarantine-score': { type: 'string' },
  'quarantine-rounds': { type: 'string' },
  'max-accused': { type: 'string' },
  'max-update-bytes': { type: 'string' },
  'eval-dataset': { type: 'string' },
  'state-dir': { type: 'string' },
  'model-dir': { type: 'string' },
  redis: { type: 'string' },
  'node-id': { type: 'string' },
  auth: { type: 'string' },
  'auth-token': { type: 'string' },
  allowlist: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'rate-limit': { type: 'string' },
  'rate-burst': { type: 'string' },
  'max-control-bytes': { type: 'string' },
  'max-rejections': { type: 'string' },
  'max-connections': { type: 'string' },
  'max-pending': { type: 'string' },
  'max-pending-per-address': { type: 'string' },
  'enrollment-timeout': { type: 'string' },
  'max-connect-bytes': { type: 'string' },
  'max-auth-failures': { type: 'string' },
  'allowed-origins': { type: 'string' },
  'dashboard-max-viewers': { type: 'string' },
  'shutdown-deadline': { type: 'string' },
  'ping-interval': { type: 'string' },
  'ping-timeout': { type: 'string' },
  'wait-for-clients': { type: 'string' },
  'registry-cap': { type: 'string' },
  'registry-ttl-days': { type: 'string' },
  'log-level': { type: 'string' },
  'stage-timeout': { type: 'string' },
  'error-feedback': { type: 'boolean' },
} as const;

/** camelCase form of a flag, the key a `--config` file uses for it. */
function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Keys a `--config` file may hold: every flag in camelCase except the switches that only make sense on a command line. */
export const CONFIG_FILE_KEYS: ReadonlySet<string> = new Set(
  Object.keys(FLAGS)
    .filter((flag) => flag !== 'config' && flag !== 'help' && flag !== 'no-secure')
    .map(camelCase),
);

/**
 * Parses flags (and the optional JSON config file they point to), naming the bad one. The
 * enrollment token may come from `env.EDGEFL_AUTH_TOKEN`; the allowlist file is read here.
 *
 * @example
 * parseCoordinatorArgs(['--port', '7070', '--rounds', '20']);
 */
export function parseCoordinatorArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): CoordinatorCliOptions | 'help' {
  const { values: parsed } = parseArgs({ args: argv, strict: true, options: FLAGS });
  if (parsed.help) return 'help';
  const fromFile = parsed.config ? readConfigFile(parsed.config) : {};
  const value = (name: keyof typeof FLAGS): string | undefined => {
    const flag = parsed[name];
    if (typeof flag === 'string') return flag;
    const fileValue = fromFile[camelCase(name)];
    if (fileValue === undefined) return undefined;
    return Array.isArray(fileValue) ? fileValue.join(',') : String(fileValue);
  };
  const flags = new FlagReader((name) => value(name as keyof typeof FLAGS));
  const encodingFlags = readUpdateEncodingFlags(
    flags,
    { secure: parsed.secure, noSecure: parsed['no-secure'] ?? fromFile.secure === false },
    ENCODING,
  );
  const defenceFlags = readUpdateDefenceFlags(flags, { secure: encodingFlags.secure });
  const weightCap = flags.integer('weight-cap', { min: 1, fallback: ENCODING.weightCap });
  const errorFeedback = switchValue(parsed['error-feedback'], fromFile, 'errorFeedback');
  if (errorFeedback && (encodingFlags.secure || encodingFlags.bits === 32)) {
    throw new RangeError('--error-feedback applies to plain quantized rounds only: add --no-secure and --bits 1-16');
  }
  const side = flags.integer('input-size', { min: 4, fallback: D.model.inputShape[0] });
  const widths = flags.integerList('widths', 1) ?? [...D.model.widths];
  const localTraining = readLocalTrainingFlags(flags, D.learningRateSchedule.kind);
  const config: CoordinatorConfigInput = {
    port: flags.integer('port', { min: 0, fallback: 7070 }),
    host: value('host') ?? '127.0.0.1',
    runId: value('run-id'),
    rounds: flags.integer('rounds', { min: 1 }),
    clientsPerRound: flags.integer('per-round', { min: 1 }),
    overSelection: flags.number('over-selection', { min: 1 }),
    minReports: flags.integer('min-reports', { min: 1 }),
    roundTimeoutMs: flags.integer('round-timeout', { min: 1 }),
    pingIntervalMs: flags.integer('ping-interval', { min: 1 }),
    pingTimeoutMs: flags.integer('ping-timeout', { min: 1 }),
    retryDelayMs: flags.integer('retry-delay', { min: 0 }),
    maxAttemptsPerRound: flags.integer('max-attempts', { min: 1 }),
    stageGraceFactor: flags.number('stage-grace-factor', { min: 0 }),
    stageGraceMinMs: flags.integer('stage-grace-min', { min: 0 }),
    seed: flags.integer('seed', { min: 0 }),
    pruning: readPruningFlags(flags),
    model: { kind: 'separable-cnn', inputShape: [side, side, D.model.inputShape[2]], widths, classes: D.model.classes },
    training: {
      epochs: flags.integer('local-epochs', { min: 1, fallback: D.training.epochs }),
      batchSize: flags.integer('batch-size', { min: 1, fallback: D.training.batchSize }),
      learningRate: flags.number('learning-rate', { positive: true, fallback: D.training.learningRate }),
      optimizer: flags.choice('optimizer', ['adam', 'sgd'] as const, D.training.optimizer),
      ...(localTraining.steps === undefined ? {} : { steps: localTraining.steps }),
      ...(localTraining.proximalMu === undefined ? {} : { proximalMu: localTraining.proximalMu }),
    },
    learningRateSchedule: localTraining.schedule,
    encoding:
      encodingFlags.secure || encodingFlags.bits === 32
        ? { kind: 'float32' }
        : {
            kind: 'quantized',
            bits: encodingFlags.bits,
            chunkSize: flags.integer('chunk-size', { min: 1, fallback: ENCODING.chunkSize }),
            errorFeedback,
          },
    secure: encodingFlags.secure
      ? {
          bits: encodingFlags.bits,
          range: encodingFlags.clipRange,
          weightCap,
          neighbours: flags.integer('neighbours', { min: 1 }),
          threshold: flags.integer('threshold', { min: 1 }),
          expectedDropout: flags.probability('expected-dropout', ENCODING.expectedDropout),
          corruptedFraction: flags.probability('corrupted-fraction', ENCODING.corruptedFraction),
          stageTimeoutMs: flags.integer('stage-timeout', { min: 1, fallback: ENCODING.stageTimeoutMs }),
        }
      : false,
    serverOptimizer: readServerOptimizerFlags(flags),
    downlink: downlinkConfig(
      readDownlinkFlags(flags, D.downlink ? D.downlink.bits : 32),
      flags.integer('chunk-size', { min: 1, fallback: ENCODING.chunkSize }),
    ),
    dp: readDpFlags(flags),
    defence: {
      ...DEFAULT_UPDATE_DEFENCE,
      aggregator: defenceFlags.aggregator,
      sampleCap: weightCap,
      ...(defenceFlags.maxUpdateNorm === undefined ? {} : { maxUpdateNorm: defenceFlags.maxUpdateNorm }),
    },
  };
  const suspicion = {
    quarantineScore: flags.integer('quarantine-score', { min: 1 }),
    quarantineRounds: flags.integer('quarantine-rounds', { min: 1 }),
    maxAccusedPerClient: flags.integer('max-accused', { min: 1 }),
  };
  for (const key of Object.keys(suspicion) as Array<keyof typeof suspicion>) {
    if (suspicion[key] === undefined) delete suspicion[key];
  }
  if (Object.keys(suspicion).length > 0) config.suspicion = suspicion as CoordinatorConfigInput['suspicion'];
  const maxUpdateBytes = flags.integer('max-update-bytes', { min: 1024 });
  if (maxUpdateBytes !== undefined) {
    config.limits = { maxUpdateBytes, maxMessageBytes: maxUpdateBytes + 1024 * 1024 };
  }
  const edge: Partial<EdgeGuardConfig> = {
    messagesPerSecond: flags.number('rate-limit', { positive: true }),
    burst: flags.integer('rate-burst', { min: 1 }),
    maxControlMessageBytes: flags.integer('max-control-bytes', { min: 1024 }),
    maxRejections: flags.integer('max-rejections', { min: 1 }),
    maxConnections: flags.integer('max-connections', { min: 1 }),
    maxPendingConnections: flags.integer('max-pending', { min: 1 }),
    maxPendingPerAddress: flags.integer('max-pending-per-address', { min: 1 }),
    enrollmentTimeoutMs: flags.integer('enrollment-timeout', { min: 1 }),
    maxConnectBytes: flags.integer('max-connect-bytes', { min: 256 }),
    maxAuthFailures: flags.integer('max-auth-failures', { min: 1 }),
    allowedOrigins: allowedOrigins(value('allowed-origins')),
  };
  for (const key of Object.keys(edge) as Array<keyof EdgeGuardConfig>) {
    if (edge[key] === undefined) delete edge[key];
  }
  const tlsCert = value('tls-cert');
  const tlsKey = value('tls-key');
  if ((tlsCert === undefined) !== (tlsKey === undefined))
    throw new RangeError('--tls-cert and --tls-key go together: give both or neither');
  for (const key of Object.keys(config) as Array<keyof CoordinatorConfigInput>) {
    if (config[key] === undefined) delete config[key];
  }
  return {
    config,
    evalDataset: flags.choice('eval-dataset', ['auto', 'fashion-mnist', 'synthetic', 'none'] as const, 'auto'),
    dataDir: value('data-dir'),
    stateDir: stateDir(value('state-dir')),
    redis: redisUrl(value('redis'), value('state-dir')),
    nodeId: nodeId(value('node-id')),
    modelDir: modelDir(value('model-dir'), value('state-dir')),
    testLimit: flags.integer('test-limit', { min: 1, fallback: 10_000 }),
    backend: flags.choice('backend', ['auto', 'tensorflow', 'wasm', 'cpu'] as const, 'auto'),
    logLevel: flags.choice('log-level', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    enrollment: enrollmentFrom(
      value('auth'),
      value('auth-token') ?? (env.EDGEFL_AUTH_TOKEN || undefined),
      value('allowlist'),
      {
        maxClients: flags.integer('registry-cap', { min: 1 }),
        ttlDays: flags.number('registry-ttl-days', { positive: true }),
      },
    ),
    tls: tlsCert && tlsKey ? { certFile: tlsCert, keyFile: tlsKey } : undefined,
    edge,
    waitForClients: flags.integer('wait-for-clients', { min: 1 }),
    dashboardMaxViewers: flags.integer('dashboard-max-viewers', { min: 1 }),
    shutdownDeadlineMs: flags.integer('shutdown-deadline', { min: 1, fallback: 5_000 }),
  };
}

function allowedOrigins(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const origins = text
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin))
      throw new RangeError(`--allowed-origins: ${origin} is not an origin (scheme://host[:port]) or *`);
  }
  return origins;
}

function enrollmentFrom(
  mode: string | undefined,
  token: string | undefined,
  allowlistFile: string | undefined,
  registry: { maxClients?: number; ttlDays?: number },
): EnrollmentMode {
  const chosen = mode ?? (allowlistFile !== undefined ? 'allowlist' : token !== undefined ? 'token' : 'open');
  const limited = registry.maxClients !== undefined || registry.ttlDays !== undefined;
  if (limited && chosen !== 'open')
    throw new RangeError(
      `--registry-cap and --registry-ttl-days bound open coordinators' registries; --auth ${chosen} registers authenticated clients only`,
    );
  if (chosen === 'open') {
    if (!limited) return { mode: 'open' };
    return {
      mode: 'open',
      registry: {
        ...(registry.maxClients === undefined ? {} : { maxClients: registry.maxClients }),
        ...(registry.ttlDays === undefined ? {} : { ttlMs: registry.ttlDays * 24 * 3_600_000 }),
      },
    };
  }
  if (chosen === 'token') {
    if (!token) throw new RangeError('--auth token needs a token: set EDGEFL_AUTH_TOKEN or pass --auth-token');
    return { mode: 'token', token };
  }
  if (chosen === 'allowlist') {
    if (!allowlistFile) throw new RangeError('--auth allowlist needs --allowlist FILE');
    let text: string;
    try {
      text = readFileSync(allowlistFile, 'utf8');
    } catch (error) {
      throw new Error(`--allowlist ${allowlistFile}: ${(error as Error).message}`);
    }
    try {
      return { mode: 'allowlist', keys: parseAllowlist(text) };
    } catch (error) {
      throw new RangeError(`--allowlist ${allowlistFile}: ${(error as Error).message}`);
    }
  }
  throw new RangeError(`--auth must be one of open, token, allowlist, got ${chosen}`);
}

function stateDir(text: string | undefined): string | undefined {
  if (text !== undefined && text.trim().length === 0)
    throw new RangeError('--state-dir must be a directory path, got an empty string');
  return text;
}

function redisUrl(text: string | undefined, state: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (state !== undefined) throw new RangeError('--redis and --state-dir both say where the state lives: give one');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RangeError(`--redis must be a URL like redis://HOST:PORT, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new RangeError(`--redis must start with redis:// or rediss://, got ${JSON.stringify(text)}`);
  return text;
}

function nodeId(text: string | undefined): string | undefined {
  if (text !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(text))
    throw new RangeError(`--node-id must be 1-64 chars of [A-Za-z0-9_.-], got ${JSON.stringify(text)}`);
  return text;
}

function modelDir(text: string | undefined, state: string | undefined): string | undefined {
  if (text !== undefined && text.trim().length === 0)
    throw new RangeError('--model-dir must be a directory path, got an empty string');
  return text ?? (state !== undefined ? join(state, 'model') : undefined);
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--config ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`--config ${path}: must hold a JSON object`);
  for (const key of Object.keys(parsed)) {
    if (!CONFIG_FILE_KEYS.has(key)) {
      throw new RangeError(
        `--config ${path}: unknown key "${key}" (keys are the flags in camelCase, e.g. "perRound" for --per-round)`,
      );
    }
  }
  return parsed as Record<string, unknown>;
}

/** The coordinator's downlink config from the flags: the uplink's chunk size for the delta's ranges. */
function downlinkConfig(
  flags: { bits: number; maxLag: number } | undefined,
  chunkSize: number,
): CoordinatorConfigInput['downlink'] {
  return flags ? { bits: flags.bits, maxLag: flags.maxLag, chunkSize } : false;
}

/** A boolean switch: the flag when given, else the config file's key (which must then be a boolean), else false. */
function switchValue(flag: boolean | undefined, fromFile: Record<string, unknown>, key: string): boolean {
  if (flag !== undefined) return flag;
  const fileValue = fromFile[key];
  if (fileValue === undefined) return false;
  if (typeof fileValue !== 'boolean')
    throw new RangeError(`--config: ${key} must be true or false, got ${JSON.stringify(fileValue)}`);
  return fileValue;
}
