import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import WebSocket from 'ws';
import { Coordinator } from '@edgefl/coordinator';
import { authSignatureMessage } from '@edgefl/protocol';
import { SMALL_MODEL } from './support/start-coordinator';

/** The example session of docs/PROTOCOL.md section 1, as (direction, frame) lines. */
function documentedSession(): Array<{ from: 'C' | 'S'; frame: string }> {
  const doc = readFileSync(join(__dirname, '../../../docs/PROTOCOL.md'), 'utf8');
  const start = doc.indexOf('A full WebSocket session start with an identity key');
  const block = doc.slice(doc.indexOf('```\n', start) + 4, doc.indexOf('\n```', doc.indexOf('```\n', start) + 4));
  return block.split('\n').map((line) => {
    const match = /^(C|S)→(?:C|S) {2}(.*)$/.exec(line);
    if (!match) throw new Error(`not a session line: ${line}`);
    return { from: match[1] as 'C' | 'S', frame: match[2] };
  });
}

/** A frame's header: everything before its JSON (`0`, `40`, `461-0`, `431`...). */
const header = (frame: string): string => frame.slice(0, frame.search(/[[{]|$/));

/** A hand-written Engine.IO/Socket.IO client: raw WebSocket frames, no socket.io library. */
class RawClient {
  private readonly queue: Array<{ data: Buffer; binary: boolean }> = [];
  private waiting?: (message: { data: Buffer; binary: boolean }) => void;

  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, binary: boolean) => {
      const message = { data, binary };
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(message);
      } else this.queue.push(message);
    });
  }

  static async open(url: string): Promise<RawClient> {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const client = new RawClient(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return client;
  }

  next(): Promise<{ data: Buffer; binary: boolean }> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  send(data: string | Uint8Array): void {
    this.ws.send(data);
  }

  close(): void {
    this.ws.close();
  }
}

describe('docs/PROTOCOL.md example session', () => {
  it('replays frame by frame against a real secure coordinator: keyed hello, binary challenge (BINARY_ACK), authenticate, welcome', async () => {
    const coordinator = new Coordinator({
      config: {
        port: 0,
        model: SMALL_MODEL,
        rounds: 1,
        clientsPerRound: 2,
        minReports: 2,
        secure: { range: 0.05, bits: 8, weightCap: 10, stageTimeoutMs: 5_000 },
      },
    });
    const { url } = await coordinator.listen();
    const client = await RawClient.open(url);
    const identity = nacl.sign.keyPair.fromSeed(Uint8Array.from({ length: 32 }, (_, i) => i));
    let challengeClientId = '';
    let nonce = new Uint8Array();
    try {
      const lines = documentedSession();
      const welcomeAt = lines.findIndex((line) => line.frame.includes('"type":"welcome"'));
      expect(welcomeAt).toBeGreaterThan(0);
      for (const { from, frame } of lines.slice(0, welcomeAt + 1)) {
        if (from === 'C') {
          if (frame.startsWith('<binary frame')) {
            client.send(nacl.sign.detached(authSignatureMessage(nonce, challengeClientId), identity.secretKey));
          } else {
            client.send(frame);
          }
          continue;
        }
        const received = await client.next();
        if (frame.startsWith('<binary frame')) {
          expect(received.binary).toBe(true);
          nonce = new Uint8Array(received.data);
          expect(nonce).toHaveLength(32);
          continue;
        }
        const text = received.data.toString('utf8');
        expect(received.binary).toBe(false);
        expect(header(text)).toBe(header(frame));
        const json = JSON.parse(text.slice(header(text).length) || 'null') as unknown;
        const documented = JSON.parse(
          frame
            .slice(header(frame).length)
            .replace(/"c-4d0c…"/g, '"x"')
            .replace('"Xy.."', '"x"')
            .replace('"Ab.."', '"x"') || 'null',
        ) as unknown;
        const shape = (value: unknown): unknown =>
          Array.isArray(value)
            ? value.map(shape)
            : value && typeof value === 'object'
              ? Object.keys(value).sort()
              : typeof value;
        if (!Array.isArray(documented)) {
          expect(Object.keys(json as object).sort()).toEqual(Object.keys(documented as object).sort());
        } else {
          expect(shape(json)).toEqual(shape(documented));
          const reply = (json as Array<{ type: string; clientId?: string; secure?: boolean }>)[0];
          expect(reply.type).toBe((documented as Array<{ type: string }>)[0].type);
          if (reply.type === 'challenge') challengeClientId = reply.clientId as string;
          if (reply.type === 'welcome')
            expect(reply).toMatchObject({ clientId: challengeClientId, secure: true, protocolVersion: 1 });
        }
      }
      expect(coordinator.connectedClients).toBe(1);
    } finally {
      client.close();
      await coordinator.close(0);
    }
  });
});
