import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { io } from 'socket.io-client';
import { FederatedClient, generateIdentity } from '@edgefl/client';
import { Coordinator } from '@edgefl/coordinator';
import { PROTOCOL_VERSION, encodeBase64, encodeFloat32Vector } from '@edgefl/protocol';
import { ConstantTrainer } from './support/constant-trainer';
import { SMALL_MODEL } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

const config = {
  secure: false as const,
  port: 0,
  host: '127.0.0.1',
  model: SMALL_MODEL,
  retryDelayMs: 50,
  rounds: 2,
  clientsPerRound: 2,
  overSelection: 1,
  minReports: 2,
  roundTimeoutMs: 20_000,
};

/** A self-signed P-256 certificate for 127.0.0.1 made with openssl (present on Debian, where CI runs). */
function selfSignedCertificate(dir: string): { cert: Buffer; key: Buffer } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

describe('transport security', () => {
  it('serves wss and https with a certificate; clients trusting it complete rounds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-tls-'));
    const { cert, key } = selfSignedCertificate(dir);
    const coordinator = new Coordinator({ config, tls: { cert, key } });
    try {
      const { url } = await coordinator.listen();
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await new Promise<string>((resolve, reject) => {
        get(`${url}/healthz`, { ca: cert }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(body));
        }).on('error', reject);
      });
      expect(JSON.parse(health)).toEqual({ status: 'ok' });
      // A client that does not trust the certificate cannot connect.
      const untrusting = io(url, { transports: ['websocket'], reconnection: false });
      await expect(
        new Promise<void>((resolve, reject) =>
          untrusting.once('connect', () => resolve()).once('connect_error', reject),
        ),
      ).rejects.toThrow();
      untrusting.close();

      const clients = [0.25, 0.5].map(
        (value, i) =>
          new FederatedClient({
            url,
            data: tinyDataset(4),
            clientId: `tls-${i}`,
            trainer: new ConstantTrainer(value),
            socket: { ca: cert.toString() },
          }),
      );
      const runs = clients.map((client) => client.run());
      expect(await coordinator.waitForClients(2, 10_000)).toBe(true);
      expect(await coordinator.run()).toMatchObject({ reason: 'completed', modelVersion: 2 });
      for (const summary of await Promise.all(runs))
        expect(summary).toMatchObject({ reason: 'completed', roundsParticipated: 2 });
    } finally {
      await coordinator.close(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logs every round line with its roundId and never a token, a key or payload bytes', async () => {
    const token = 'tok-5ecret-never-logged';
    const wrongToken = 'wrong-5ecret-never-logged';
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    const coordinator = new Coordinator({ config, logger, enrollment: { mode: 'token', token } });
    const identity = generateIdentity();
    const distinctive = 0.123456789;
    try {
      const { url } = await coordinator.listen();
      const clients = [0, 1].map(
        (i) =>
          new FederatedClient({
            url,
            data: tinyDataset(4),
            clientId: `log-${i}`,
            token,
            identity: i === 0 ? identity : undefined,
            trainer: new ConstantTrainer(distinctive),
          }),
      );
      const runs = clients.map((client) => client.run());
      expect(await coordinator.waitForClients(2, 10_000)).toBe(true);
      // A stranger with a wrong token and a payload-carrying update: both refused, both logged as refusals only.
      const stranger = io(url, { transports: ['websocket'], reconnection: false });
      await new Promise<void>((resolve) => stranger.once('connect', () => resolve()));
      const refused = await stranger.timeout(5_000).emitWithAck('hello', {
        type: 'hello',
        protocolVersions: [PROTOCOL_VERSION],
        token: wrongToken,
        agent: { sdk: 'x' },
      });
      expect(refused).toMatchObject({ code: 'unauthorized' });
      const payload = encodeFloat32Vector(new Float32Array(343).fill(distinctive));
      await stranger.timeout(5_000).emitWithAck('update', {
        type: 'update',
        roundId: 'run/1/1',
        modelVersion: 0,
        numSamples: 1,
        encoding: { kind: 'float32' },
        payload,
      });
      stranger.close();
      await coordinator.run();
      await Promise.all(runs);
    } finally {
      await coordinator.close(0);
    }
    const log = lines.join('\n');
    const records = lines.map((line) => JSON.parse(line) as { msg: string; roundId?: string });
    const roundLines = records.filter((r) => /^round |training stage/.test(r.msg));
    expect(roundLines.length).toBeGreaterThanOrEqual(4);
    for (const record of roundLines) expect(record.roundId).toMatch(/^run\/\d+\/\d+$/);
    expect(records.some((r) => r.msg === 'message rejected')).toBe(true);
    const payload = encodeFloat32Vector(new Float32Array(343).fill(distinctive));
    const valueBytes = Buffer.from(new Float32Array([distinctive]).buffer);
    for (const secret of [
      token,
      wrongToken,
      encodeBase64(identity.publicKey),
      Buffer.from(identity.publicKey).toString('hex'),
      Buffer.from(payload).toString('base64').slice(40, 80),
      valueBytes.toString('hex'),
      valueBytes.toString('base64').slice(0, 5),
      String(Math.fround(distinctive)).slice(0, 8),
      `${valueBytes[0]},${valueBytes[1]},${valueBytes[2]}`,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
