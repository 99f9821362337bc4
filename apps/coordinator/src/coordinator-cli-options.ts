import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DOWNLINK_HELP, FlagReader, LOCAL_TRAINING_HELP, SERVER_OPTIMIZER_HELP, SHARED_FLAG_OPTIONS, UPDATE_DEFENCE_HELP, readDownlinkFlags, readLocalTrainingFlags, readServerOptimizerFlags, readUpdateDefenceFlags, readUpdateEncodingFlags } from '@edgefl/cli-flags';
import { DEFAULT_SECURE_STAGE_TIMEOUT_MS, DEFAULT_UPDATE_DEFENCE, parseAllowlist } from '@edgefl/coordinator';
import type { CoordinatorConfigInput, EdgeGuardConfig, EnrollmentMode } from '@edgefl/coordinator';

/** The CLI's view: the coordinator's config plus how to evaluate and log. */
export interface CoordinatorCliOptions {
  config: CoordinatorConfigInput;
  evalDataset: 'auto' | 'fashion-mnist' | 'synthetic' | 'none';
  dataDir?: string;
  /** Where durable state lives (SQLite); absent keeps everything in memory. */
  stateDir?: string;
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

export const COORDINATOR_HELP = `edgefl-coordinator: serve the EdgeFL protocol over socket.io and run FedAvg rounds.

Usage: edgefl-coordinator [flags]

  --config FILE          JSON file with any of the flags below in camelCase (flags win)
  --port P               TCP port (default 7070; 0 picks a free one)
  --host H               address to bind (default 127.0.0.1)
  --run-id ID            name of the run (default run)
  --rounds R             rounds to complete (default 10)
  --per-round K          reports wanted per round, the goal count (default 10)
  --over-selection X     clients selected per round as a multiple of the goal (default 1.3)
  --min-reports N        fewest reports that make a round; fewer abandons it (default 2)
  --round-timeout MS     reporting deadline per round (default 120000)
  --retry-delay MS       pause before retrying an abandoned round (default 1000)
  --local-epochs E       local epochs per round (default 1)
  --batch-size B         local batch size (default 32)
  --learning-rate LR     local learning rate (default 0.002)
  --optimizer O          adam | sgd (default adam)
${LOCAL_TRAINING_HELP}  --secure               secure aggregation, SecAgg+ (default): the coordinator learns only the cohort's sum
  --no-secure            plain FedAvg over individual (optionally quantized) uploads
  --bits B               quantization bits: 1-16 (default 8 when secure), or 32 for float (plain only; default then)
  --clip-range C         secure: weighted deltas are clipped to [-C, C] (default 0.05)
  --neighbours K         secure: neighbours per client on the SecAgg+ graph (default min(n-1, 2*ceil(log2 n)))
  --threshold T          secure: Shamir threshold, K/2 < T <= K (default floor(K/2) + 1)
  --weight-cap N         a client's weight is min(samples, N): in secure rounds min(samples, N) / N,
                         in plain rounds the FedAvg weight (default 1000)
  --stage-timeout MS     secure: deadline of each key and unmask stage (default 30000)
  --chunk-size N         values per quantization range (default 1024)
${UPDATE_DEFENCE_HELP}${SERVER_OPTIMIZER_HELP}${DOWNLINK_HELP}  --max-update-bytes N   largest accepted update payload (default 16777216)
  --input-size S         square input side of the model (default 28)
  --widths A,B           separable conv widths (default 16,32)
  --eval-dataset D       held-out set: auto | fashion-mnist | synthetic | none (default auto)
  --data-dir DIR         Fashion-MNIST directory (else env EDGEFL_DATA, else /usr/share/datasets/fashion-mnist)
  --test-limit N         held-out examples to evaluate on (default 10000)
  --backend B            tfjs backend for evaluation: auto | tensorflow | wasm | cpu
  --state-dir DIR        keep models and the round log in DIR/edgefl.sqlite (created if missing) and
                         resume from the last committed model on restart (default: in memory, lost on exit)
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
  --shutdown-deadline MS on SIGTERM/SIGINT, connections still open after MS are destroyed (default 5000)
  --wait-for-clients N   connected clients to wait for before the first round
  --seed S               seed of the initial model, cohorts and client seeds (default 1)
  --log-level L          debug | info | warn | error | silent (default info)
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
  'max-update-bytes': { type: 'string' },
  'eval-dataset': { type: 'string' },
  'state-dir': { type: 'string' },
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
  'wait-for-clients': { type: 'string' },
  'registry-cap': { type: 'string' },
  'registry-ttl-days': { type: 'string' },
  'log-level': { type: 'string' },
  'stage-timeout': { type: 'string' },
} as const;

/** Samples at which a client's update counts fully (secure rounds: fewer weigh proportionally; plain: the FedAvg weight cap). */
const DEFAULT_WEIGHT_CAP = 1_000;

/**
 * Parses flags (and the optional JSON config file they point to), naming the bad one. The
 * enrollment token may come from `env.EDGEFL_AUTH_TOKEN`; the allowlist file is read here.
 *
 * @example
 * parseCoordinatorArgs(['--port', '7070', '--rounds', '20']);
 */
export function parseCoordinatorArgs(argv: string[], env: Record<string, string | undefined> = process.env): CoordinatorCliOptions | 'help' {
  const { values: parsed } = parseArgs({ args: argv, strict: true, options: FLAGS });
  if (parsed.help) return 'help';
  const fromFile = parsed.config ? readConfigFile(parsed.config) : {};
  const value = (name: keyof typeof FLAGS): string | undefined => {
    const flag = parsed[name];
    if (typeof flag === 'string') return flag;
    const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const fileValue = fromFile[camel];
    if (fileValue === undefined) return undefined;
    return Array.isArray(fileValue) ? fileValue.join(',') : String(fileValue);
  };
  const flags = new FlagReader((name) => value(name as keyof typeof FLAGS));
  const encodingFlags = readUpdateEncodingFlags(flags, { secure: parsed.secure, noSecure: parsed['no-secure'] ?? fromFile.secure === false });
  const defenceFlags = readUpdateDefenceFlags(flags, { secure: encodingFlags.secure });
  const weightCap = flags.integer('weight-cap', { min: 1, fallback: DEFAULT_WEIGHT_CAP });
  const side = flags.integer('input-size', { min: 4, fallback: 28 });
  const widths = flags.integerList('widths', 1) ?? [16, 32];
  const localTraining = readLocalTrainingFlags(flags);
  const config: CoordinatorConfigInput = {
    port: flags.integer('port', { min: 0, fallback: 7070 }),
    host: value('host') ?? '127.0.0.1',
    runId: value('run-id'),
    rounds: flags.integer('rounds', { min: 1 }),
    clientsPerRound: flags.integer('per-round', { min: 1 }),
    overSelection: flags.number('over-selection', { min: 1 }),
    minReports: flags.integer('min-reports', { min: 1 }),
    roundTimeoutMs: flags.integer('round-timeout', { min: 1 }),
    retryDelayMs: flags.integer('retry-delay', { min: 0 }),
    seed: flags.integer('seed', { min: 0 }),
    model: { kind: 'separable-cnn', inputShape: [side, side, 1], widths, classes: 10 },
    training: {
      epochs: flags.integer('local-epochs', { min: 1, fallback: 1 }),
      batchSize: flags.integer('batch-size', { min: 1, fallback: 32 }),
      learningRate: flags.number('learning-rate', { positive: true, fallback: 0.002 }),
      optimizer: flags.choice('optimizer', ['adam', 'sgd'] as const, 'adam'),
      ...(localTraining.steps === undefined ? {} : { steps: localTraining.steps }),
      ...(localTraining.proximalMu === undefined ? {} : { proximalMu: localTraining.proximalMu }),
    },
    learningRateSchedule: localTraining.schedule,
    encoding:
      encodingFlags.secure || encodingFlags.bits === 32
        ? { kind: 'float32' }
        : { kind: 'quantized', bits: encodingFlags.bits, chunkSize: flags.integer('chunk-size', { min: 1, fallback: 1024 }), errorFeedback: false },
    secure: encodingFlags.secure
      ? {
          bits: encodingFlags.bits,
          range: encodingFlags.clipRange,
          weightCap,
          neighbours: flags.integer('neighbours', { min: 1 }),
          threshold: flags.integer('threshold', { min: 1 }),
          stageTimeoutMs: flags.integer('stage-timeout', { min: 1, fallback: DEFAULT_SECURE_STAGE_TIMEOUT_MS }),
        }
      : undefined,
    serverOptimizer: readServerOptimizerFlags(flags),
    downlink: downlinkConfig(readDownlinkFlags(flags), flags.integer('chunk-size', { min: 1, fallback: 1024 })),
    defence: {
      ...DEFAULT_UPDATE_DEFENCE,
      aggregator: defenceFlags.aggregator,
      sampleCap: weightCap,
      ...(defenceFlags.maxUpdateNorm === undefined ? {} : { maxUpdateNorm: defenceFlags.maxUpdateNorm }),
    },
  };
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
  if ((tlsCert === undefined) !== (tlsKey === undefined)) throw new RangeError('--tls-cert and --tls-key go together: give both or neither');
  for (const key of Object.keys(config) as Array<keyof CoordinatorConfigInput>) {
    if (config[key] === undefined) delete config[key];
  }
  return {
    config,
    evalDataset: flags.choice('eval-dataset', ['auto', 'fashion-mnist', 'synthetic', 'none'] as const, 'auto'),
    dataDir: value('data-dir'),
    stateDir: stateDir(value('state-dir')),
    testLimit: flags.integer('test-limit', { min: 1, fallback: 10_000 }),
    backend: flags.choice('backend', ['auto', 'tensorflow', 'wasm', 'cpu'] as const, 'auto'),
    logLevel: flags.choice('log-level', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    enrollment: enrollmentFrom(value('auth'), value('auth-token') ?? (env.EDGEFL_AUTH_TOKEN || undefined), value('allowlist'), {
      maxClients: flags.integer('registry-cap', { min: 1 }),
      ttlDays: flags.number('registry-ttl-days', { positive: true }),
    }),
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
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) throw new RangeError(`--allowed-origins: ${origin} is not an origin (scheme://host[:port]) or *`);
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
  if (limited && chosen !== 'open') throw new RangeError(`--registry-cap and --registry-ttl-days bound open coordinators' registries; --auth ${chosen} registers authenticated clients only`);
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
  if (text !== undefined && text.trim().length === 0) throw new RangeError('--state-dir must be a directory path, got an empty string');
  return text;
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--config ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`--config ${path}: must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

/** The coordinator's downlink config from the flags: the uplink's chunk size for the delta's ranges. */
function downlinkConfig(flags: { bits: number; maxLag: number } | undefined, chunkSize: number): CoordinatorConfigInput['downlink'] {
  return flags ? { bits: flags.bits, maxLag: flags.maxLag, chunkSize } : undefined;
}
