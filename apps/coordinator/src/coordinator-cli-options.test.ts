import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCoordinatorArgs } from './coordinator-cli-options';
import type { CoordinatorCliOptions } from './coordinator-cli-options';

function parse(argv: string[]): CoordinatorCliOptions {
  const options = parseCoordinatorArgs(argv, {});
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

describe('parseCoordinatorArgs --state-dir', () => {
  it('keeps state in memory unless --state-dir is given', () => {
    expect(parse(['--port', '0']).stateDir).toBeUndefined();
    expect(parse(['--state-dir', '/var/lib/edgefl', '--rounds', '6']).stateDir).toBe('/var/lib/edgefl');
  });

  it('reads stateDir from a --config file, and the flag wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-cli-'));
    try {
      const file = join(dir, 'coordinator.json');
      writeFileSync(file, JSON.stringify({ stateDir: '/from/file', rounds: 3 }));
      expect(parse(['--config', file])).toMatchObject({ stateDir: '/from/file', config: { rounds: 3 } });
      expect(parse(['--config', file, '--state-dir', '/from/flag']).stateDir).toBe('/from/flag');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names --state-dir when it is empty', () => {
    expect(() => parseCoordinatorArgs(['--state-dir', ' '])).toThrow(/--state-dir/);
  });
});

describe('parseCoordinatorArgs --redis', () => {
  it("keeps state in Redis with --redis or a config file's redis, and refuses it beside --state-dir", () => {
    expect(parse(['--port', '0']).redis).toBeUndefined();
    expect(parse(['--redis', 'redis://10.0.0.5:6379']).redis).toBe('redis://10.0.0.5:6379');
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-cli-'));
    try {
      const file = join(dir, 'coordinator.json');
      writeFileSync(file, JSON.stringify({ redis: 'rediss://cache:6380/2' }));
      expect(parse(['--config', file]).redis).toBe('rediss://cache:6380/2');
      expect(parse(['--config', file, '--redis', 'redis://flag:1']).redis).toBe('redis://flag:1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => parse(['--redis', 'redis://h:1', '--state-dir', '/s'])).toThrow(
      '--redis and --state-dir both say where the state lives: give one',
    );
    expect(() => parse(['--redis', 'http://h:1'])).toThrow(/--redis must start with redis:\/\//);
    expect(() => parse(['--redis', 'localhost'])).toThrow(/--redis must be a URL/);
  });
});

describe('parseCoordinatorArgs --model-dir', () => {
  it('writes no artifacts without a dir, defaults to STATE_DIR/model, and the flag wins', () => {
    expect(parse([]).modelDir).toBeUndefined();
    expect(parse(['--state-dir', '/var/lib/edgefl']).modelDir).toBe(join('/var/lib/edgefl', 'model'));
    expect(parse(['--state-dir', '/var/lib/edgefl', '--model-dir', '/srv/models']).modelDir).toBe('/srv/models');
    expect(() => parseCoordinatorArgs(['--model-dir', ''])).toThrow(/--model-dir/);
  });
});

describe('parseCoordinatorArgs enrollment and edge flags', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('is open by default, token mode from the env or the flag, allowlist from a file', () => {
    expect(parse([]).enrollment).toEqual({ mode: 'open' });
    const fromEnv = parseCoordinatorArgs([], { EDGEFL_AUTH_TOKEN: 's3cret' });
    expect(fromEnv !== 'help' && fromEnv.enrollment).toEqual({ mode: 'token', token: 's3cret' });
    expect(parse(['--auth-token', 'flag']).enrollment).toEqual({ mode: 'token', token: 'flag' });
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-cli-'));
    try {
      const file = join(dir, 'clients.allow');
      writeFileSync(file, `# fleet\n${key} phone-1\n`);
      expect(parse(['--allowlist', file]).enrollment).toEqual({
        mode: 'allowlist',
        keys: [new Uint8Array(32).fill(7)],
      });
      writeFileSync(file, 'not-a-key\n');
      expect(() => parseCoordinatorArgs(['--allowlist', file])).toThrow(/--allowlist .*line 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names what is missing or wrong', () => {
    expect(() => parseCoordinatorArgs(['--auth', 'token'], {})).toThrow(/EDGEFL_AUTH_TOKEN/);
    expect(() => parseCoordinatorArgs(['--auth', 'allowlist'], {})).toThrow(/--allowlist FILE/);
    expect(() => parseCoordinatorArgs(['--auth', 'magic'], {})).toThrow(/--auth must be one of/);
    expect(() => parseCoordinatorArgs(['--tls-cert', 'cert.pem'], {})).toThrow(/--tls-cert and --tls-key/);
  });

  it('passes TLS files, edge limits and the client wait through', () => {
    const options = parse([
      '--tls-cert',
      'c.pem',
      '--tls-key',
      'k.pem',
      '--rate-limit',
      '50',
      '--rate-burst',
      '100',
      '--max-rejections',
      '10',
      '--wait-for-clients',
      '1000',
    ]);
    expect(options.tls).toEqual({ certFile: 'c.pem', keyFile: 'k.pem' });
    expect(options.edge).toEqual({ messagesPerSecond: 50, burst: 100, maxRejections: 10 });
    expect(options.waitForClients).toBe(1000);
  });

  it('passes connection caps, origins, the auth throttle, viewers and the shutdown deadline through, and names a bad origin', () => {
    const options = parse([
      ...[
        '--max-connections',
        '2000',
        '--max-pending',
        '100',
        '--max-pending-per-address',
        '10',
        '--enrollment-timeout',
        '5000',
      ],
      ...[
        '--max-connect-bytes',
        '2048',
        '--max-auth-failures',
        '3',
        '--allowed-origins',
        'https://lab.example.org, http://localhost:3000',
      ],
      ...['--dashboard-max-viewers', '8', '--shutdown-deadline', '2000'],
    ]);
    expect(options.edge).toEqual({
      maxConnections: 2000,
      maxPendingConnections: 100,
      maxPendingPerAddress: 10,
      enrollmentTimeoutMs: 5000,
      maxConnectBytes: 2048,
      maxAuthFailures: 3,
      allowedOrigins: ['https://lab.example.org', 'http://localhost:3000'],
    });
    expect(options.dashboardMaxViewers).toBe(8);
    expect(options.shutdownDeadlineMs).toBe(2000);
    expect(parse([]).shutdownDeadlineMs).toBe(5000);
    expect(() => parse(['--allowed-origins', 'lab.example.org/path'])).toThrow(
      /--allowed-origins: lab.example.org\/path is not an origin/,
    );
  });
});

describe('parseCoordinatorArgs heartbeat', () => {
  it('passes --ping-interval and --ping-timeout to the config, leaves them out by default, and names a bad value', () => {
    expect(parse(['--ping-interval', '10000', '--ping-timeout', '600000']).config).toMatchObject({
      pingIntervalMs: 10_000,
      pingTimeoutMs: 600_000,
    });
    expect(parse([]).config).not.toHaveProperty('pingTimeoutMs');
    expect(parse([]).config).not.toHaveProperty('pingIntervalMs');
    expect(() => parse(['--ping-timeout', '0'])).toThrow(/--ping-timeout/);
  });
});

describe('parseCoordinatorArgs secure aggregation', () => {
  const config = (argv: string[]) => parse(argv).config;

  it('runs secure rounds at 8 bits by default, plain float32 with --no-secure', () => {
    expect(config([]).secure).toMatchObject({ bits: 8, range: 0.1, weightCap: 1000 });
    expect(config(['--no-secure']).secure).toBe(false);
    expect(config(['--no-secure']).encoding).toEqual({ kind: 'float32' });
    expect(config(['--no-secure', '--bits', '4']).encoding).toMatchObject({
      kind: 'quantized',
      bits: 4,
      chunkSize: 1024,
    });
    expect(
      config(['--bits', '6', '--clip-range', '0.2', '--neighbours', '6', '--threshold', '4']).secure,
    ).toMatchObject({
      bits: 6,
      range: 0.2,
      neighbours: 6,
      threshold: 4,
    });
  });

  it('refuses float32 in secure rounds and names bad flags', () => {
    expect(() => config(['--bits', '32'])).toThrow(/--no-secure/);
    expect(() => config(['--widths', '16,x'])).toThrow(/--widths/);
    expect(() => config(['--learning-rate', '0'])).toThrow(/--learning-rate must be a positive number/);
  });

  it('passes retry, stage-grace and quarantine settings through, and leaves them out when absent', () => {
    const options = parse([
      '--max-attempts',
      '7',
      '--stage-grace-factor',
      '0',
      '--stage-grace-min',
      '250',
      '--quarantine-score',
      '4',
      '--max-accused',
      '1',
    ]);
    expect(options.config).toMatchObject({
      maxAttemptsPerRound: 7,
      stageGraceFactor: 0,
      stageGraceMinMs: 250,
      suspicion: { quarantineScore: 4, maxAccusedPerClient: 1 },
    });
    expect(parse([]).config).not.toHaveProperty('suspicion');
    expect(parse([]).config).not.toHaveProperty('stageGraceFactor');
    expect(() => parse(['--stage-grace-factor=-1'])).toThrow(/--stage-grace-factor must be a number >= 0/);
  });
});

describe('parseCoordinatorArgs defence flags (plain rounds)', () => {
  it("defaults to fedavg with the coordinator's norm bound, and --weight-cap caps plain sample counts too", () => {
    expect(parse(['--no-secure']).config.defence).toEqual({
      aggregator: { kind: 'fedavg' },
      maxUpdateNorm: 10,
      sampleCap: 1000,
    });
    expect(parse(['--no-secure', '--weight-cap', '500', '--max-update-norm', 'off']).config.defence).toMatchObject({
      sampleCap: 500,
      maxUpdateNorm: null,
    });
  });

  it('selects each robust aggregator with its parameters', () => {
    expect(parse(['--no-secure', '--aggregator', 'median']).config.defence?.aggregator).toEqual({ kind: 'median' });
    expect(parse(['--no-secure', '--aggregator', 'trimmed-mean', '--trim', '0.1']).config.defence?.aggregator).toEqual({
      kind: 'trimmed-mean',
      trim: 0.1,
    });
    expect(
      parse([
        '--no-secure',
        '--aggregator',
        'multi-krum',
        '--byzantine',
        '2',
        '--krum-select',
        '3',
        '--max-update-norm',
        '2.5',
      ]).config.defence,
    ).toMatchObject({
      aggregator: { kind: 'multi-krum', byzantine: 2, select: 3 },
      maxUpdateNorm: 2.5,
    });
  });

  it('refuses robust aggregators and a norm bound with secure rounds, saying why', () => {
    expect(() => parse(['--aggregator', 'median'])).toThrow(
      /--aggregator median needs plain rounds: with secure aggregation the coordinator only learns the cohort's sum/,
    );
    expect(() => parse(['--secure', '--max-update-norm', '5'])).toThrow(/--max-update-norm bounds plain updates/);
    expect(() => parse(['--no-secure', '--aggregator', 'median', '--trim', '0.1'])).toThrow(
      '--trim applies to --aggregator trimmed-mean only, got --aggregator median',
    );
    expect(() => parse(['--no-secure', '--aggregator', 'krum'])).toThrow(
      '--aggregator must be one of fedavg, median, trimmed-mean, multi-krum, got krum',
    );
  });
});

describe('parseCoordinatorArgs open registry limits', () => {
  it('bounds the open registry by cap and age, and refuses the flags in other modes', () => {
    expect(parse([]).enrollment).toEqual({ mode: 'open' });
    expect(parse(['--registry-cap', '500', '--registry-ttl-days', '0.5']).enrollment).toEqual({
      mode: 'open',
      registry: { maxClients: 500, ttlMs: 43_200_000 },
    });
    expect(() => parseCoordinatorArgs(['--auth', 'token', '--registry-cap', '5'], { EDGEFL_AUTH_TOKEN: 't' })).toThrow(
      /--registry-cap and --registry-ttl-days bound open coordinators/,
    );
  });
});

describe('parseCoordinatorArgs config file keys and error feedback', () => {
  function withConfigFile(content: object, run: (file: string) => void): void {
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-cli-'));
    try {
      const file = join(dir, 'coordinator.json');
      writeFileSync(file, JSON.stringify(content));
      run(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('refuses an unknown config-file key and names it', () => {
    withConfigFile({ rounds: 3, perRoud: 8 }, (file) => {
      expect(() => parseCoordinatorArgs(['--config', file], {})).toThrow(/unknown key "perRoud"/);
    });
  });

  it('turns error feedback on from the flag or the errorFeedback key, in plain quantized rounds', () => {
    expect(parse(['--no-secure', '--bits', '4', '--error-feedback']).config.encoding).toEqual({
      kind: 'quantized',
      bits: 4,
      chunkSize: 1024,
      errorFeedback: true,
    });
    expect(parse(['--no-secure', '--bits', '4']).config.encoding).toMatchObject({ errorFeedback: false });
    withConfigFile({ secure: false, bits: 2, errorFeedback: true }, (file) => {
      expect(parse(['--config', file]).config.encoding).toMatchObject({
        kind: 'quantized',
        bits: 2,
        errorFeedback: true,
      });
    });
    withConfigFile({ secure: false, bits: 2, errorFeedback: 'yes' }, (file) => {
      expect(() => parseCoordinatorArgs(['--config', file], {})).toThrow(/errorFeedback must be true or false/);
    });
  });

  it('refuses error feedback where it cannot apply (secure or float32 rounds)', () => {
    expect(() => parseCoordinatorArgs(['--error-feedback'], {})).toThrow(
      /--error-feedback applies to plain quantized rounds/,
    );
    expect(() => parseCoordinatorArgs(['--no-secure', '--error-feedback'], {})).toThrow(/--error-feedback/);
  });
});

describe('parseCoordinatorArgs --expected-dropout', () => {
  it('declares 20% dropout by default and passes a given rate and corruption bound through', () => {
    expect(parse([]).config.secure).toMatchObject({ expectedDropout: 0.2, corruptedFraction: 0 });
    expect(parse(['--expected-dropout', '0.1', '--corrupted-fraction', '0.05']).config.secure).toMatchObject({
      expectedDropout: 0.1,
      corruptedFraction: 0.05,
    });
    expect(() => parseCoordinatorArgs(['--expected-dropout', '2'], {})).toThrow(
      /--expected-dropout must be a probability/,
    );
  });
});

describe('parseCoordinatorArgs DP flags', () => {
  it('reads --dp-* flags and the same keys from a --config file', () => {
    expect(parse(['--dp-clip', '0.5', '--dp-epsilon', '8', '--dp-population', '1000']).config.dp).toEqual({
      clip: 0.5,
      epsilon: 8,
      population: 1000,
    });
    expect(parse(['--port', '0']).config.dp).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-cli-'));
    try {
      const file = join(dir, 'coordinator.json');
      writeFileSync(file, JSON.stringify({ dpClip: 1, dpNoise: 1.1, dpDelta: 1e-6 }));
      expect(parse(['--config', file]).config.dp).toEqual({ clip: 1, noiseMultiplier: 1.1, delta: 1e-6 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a missing noise or budget', () => {
    expect(() => parse(['--dp-clip', '1'])).toThrow(/--dp-noise Z or --dp-epsilon E/);
  });
});

describe('parseCoordinatorArgs server optimizer', () => {
  it('reads it from flags and from the --config file (flags win)', () => {
    expect(parse([]).config.serverOptimizer).toEqual({ kind: 'fedavg' });
    expect(parse(['--server-optimizer', 'fedavgm', '--server-momentum', '0.8']).config.serverOptimizer).toEqual({
      kind: 'fedavgm',
      momentum: 0.8,
    });
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-cli-'));
    try {
      const file = join(dir, 'coordinator.json');
      writeFileSync(file, JSON.stringify({ serverOptimizer: 'fedyogi', serverLr: 0.03, beta2: 0.999 }));
      expect(parse(['--config', file]).config.serverOptimizer).toEqual({
        kind: 'fedyogi',
        learningRate: 0.03,
        beta2: 0.999,
      });
      expect(parse(['--config', file, '--server-lr', '0.01']).config.serverOptimizer).toEqual({
        kind: 'fedyogi',
        learningRate: 0.01,
        beta2: 0.999,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => parse(['--server-optimizer', 'fedadagrad', '--beta2', '0.9'])).toThrow(
      '--beta2 does not apply to --server-optimizer fedadagrad',
    );
  });
});

describe('parseCoordinatorArgs local training', () => {
  it('puts local steps and FedProx mu in the training config and reads the schedule', () => {
    const { config } = parse([
      '--local-steps',
      '30',
      '--proximal-mu',
      '0.01',
      '--lr-schedule',
      'step',
      '--lr-step-every',
      '5',
    ]);
    expect(config.training).toMatchObject({ steps: 30, proximalMu: 0.01 });
    expect(config.learningRateSchedule).toEqual({ kind: 'step', every: 5, factor: 0.5 });
    expect(parse([]).config.training).not.toHaveProperty('proximalMu');
  });
});
