import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CLIP_RANGE } from '@edgefl/cli-flags';
import { DEFAULT_SECURE_AGGREGATION } from '@edgefl/coordinator';
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
      expect(parse(['--allowlist', file]).enrollment).toEqual({ mode: 'allowlist', keys: [new Uint8Array(32).fill(7)] });
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
    const options = parse(['--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--rate-limit', '50', '--rate-burst', '100', '--max-rejections', '10', '--wait-for-clients', '1000']);
    expect(options.tls).toEqual({ certFile: 'c.pem', keyFile: 'k.pem' });
    expect(options.edge).toEqual({ messagesPerSecond: 50, burst: 100, maxRejections: 10 });
    expect(options.waitForClients).toBe(1000);
  });
});

describe('parseCoordinatorArgs secure aggregation', () => {
  const config = (argv: string[]) => parse(argv).config;

  it('runs secure rounds at 8 bits by default, plain float32 with --no-secure', () => {
    expect(config([]).secure).toMatchObject({ bits: 8, range: 0.05, weightCap: 1000 });
    expect(config(['--no-secure']).secure).toBeUndefined();
    expect(config(['--no-secure']).encoding).toEqual({ kind: 'float32' });
    expect(config(['--no-secure', '--bits', '4']).encoding).toMatchObject({ kind: 'quantized', bits: 4, chunkSize: 1024 });
    expect(config(['--bits', '6', '--clip-range', '0.2', '--neighbours', '6', '--threshold', '4']).secure).toMatchObject({
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
    expect(parse(['--no-secure', '--bits', '4', '--error-feedback']).config.encoding).toEqual({ kind: 'quantized', bits: 4, chunkSize: 1024, errorFeedback: true });
    expect(parse(['--no-secure', '--bits', '4']).config.encoding).toMatchObject({ errorFeedback: false });
    withConfigFile({ secure: false, bits: 2, errorFeedback: true }, (file) => {
      expect(parse(['--config', file]).config.encoding).toMatchObject({ kind: 'quantized', bits: 2, errorFeedback: true });
    });
    withConfigFile({ secure: false, bits: 2, errorFeedback: 'yes' }, (file) => {
      expect(() => parseCoordinatorArgs(['--config', file], {})).toThrow(/errorFeedback must be true or false/);
    });
  });

  it('refuses error feedback where it cannot apply (secure or float32 rounds)', () => {
    expect(() => parseCoordinatorArgs(['--error-feedback'], {})).toThrow(/--error-feedback applies to plain quantized rounds/);
    expect(() => parseCoordinatorArgs(['--no-secure', '--error-feedback'], {})).toThrow(/--error-feedback/);
  });
});

describe('parseCoordinatorArgs --expected-dropout', () => {
  it('declares 20% dropout by default and passes a given rate and corruption bound through', () => {
    expect(parse([]).config.secure).toMatchObject({ expectedDropout: 0.2, corruptedFraction: 0 });
    expect(parse(['--expected-dropout', '0.1', '--corrupted-fraction', '0.05']).config.secure).toMatchObject({ expectedDropout: 0.1, corruptedFraction: 0.05 });
    expect(() => parseCoordinatorArgs(['--expected-dropout', '2'], {})).toThrow(/--expected-dropout must be a probability/);
  });
});

describe('one default for the library and the CLI', () => {
  it('runs, without flags, exactly DEFAULT_SECURE_AGGREGATION (plus the per-round graph settings)', () => {
    const { bits, range, weightCap, stageTimeoutMs } = parse([]).config.secure ?? {};
    expect({ bits, range, weightCap, stageTimeoutMs }).toEqual({
      bits: DEFAULT_SECURE_AGGREGATION.bits,
      range: DEFAULT_SECURE_AGGREGATION.range,
      weightCap: DEFAULT_SECURE_AGGREGATION.weightCap,
      stageTimeoutMs: DEFAULT_SECURE_AGGREGATION.stageTimeoutMs,
    });
    expect(DEFAULT_CLIP_RANGE).toBe(DEFAULT_SECURE_AGGREGATION.range);
  });
});
