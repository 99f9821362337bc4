import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { FederatedClient, TfjsTrainer } from '@edgefl/client';
import { makeProceduralDataset } from '@edgefl/datasets';
import type { ModelSpec } from '@edgefl/protocol';
import { initializeBackend } from '@edgefl/runtime/node';
import { startCoordinator } from './support/start-coordinator';

const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [4], classes: 10 };

/** Wraps socket.io-client's `io` so every engine.io packet the client sends is copied into `sent`. */
function capturingConnect(sent: Uint8Array[]) {
  const encoder = new TextEncoder();
  return (url: string, options: Partial<ManagerOptions & SocketOptions>): Socket => {
    const socket = io(url, options);
    socket.io.on('open', () => {
      socket.io.engine.on('packetCreate', (packet: { type: string; data?: unknown }) => {
        const { data } = packet;
        if (typeof data === 'string') sent.push(encoder.encode(`${packet.type}${data}`));
        else if (data instanceof ArrayBuffer) sent.push(new Uint8Array(data.slice(0)));
        else if (ArrayBuffer.isView(data))
          sent.push(new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
        else sent.push(encoder.encode(packet.type));
      });
    });
    return socket;
  };
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('what leaves the device', () => {
  beforeAll(async () => {
    await initializeBackend({ backend: 'wasm' });
  });

  it('every byte a client sends holds its update and metadata, and none of its training examples', async () => {
    const data = makeProceduralDataset({ count: 64, seed: 5, shape: [8, 8, 1] });
    const { coordinator, url } = await startCoordinator({
      secure: false,
      model: MODEL,
      rounds: 2,
      clientsPerRound: 1,
      overSelection: 1,
      minReports: 1,
    });
    const sent: Uint8Array[] = [];
    const updates: Uint8Array[] = [];
    const client = new FederatedClient({
      url,
      data,
      clientId: 'watched',
      trainer: new TfjsTrainer(),
      connect: capturingConnect(sent),
    });
    try {
      const run = client.run();
      expect(await coordinator.waitForClients(1, 10_000)).toBe(true);
      await coordinator.run();
      expect((await run).roundsParticipated).toBe(2);
    } finally {
      await coordinator.close();
    }
    const total = sent.reduce((n, chunk) => n + chunk.length, 0);
    const wire = new Uint8Array(total);
    let offset = 0;
    for (const chunk of sent) {
      wire.set(chunk, offset);
      offset += chunk.length;
      if (chunk.length > 1000) updates.push(chunk);
    }
    // The capture works: both uploads (one float32 delta per round) are in it.
    expect(updates.length).toBe(2);
    expect(updates.every((u) => u.length >= 4 * 16 * 10)).toBe(true);

    const pixels = 8 * 8;
    for (let n = 0; n < data.count; n++) {
      const image = data.images.subarray(n * pixels, (n + 1) * pixels);
      // Any 8 consecutive pixels of the example as float32 bytes, as bytes 0-255, or as JSON text.
      for (let start = 0; start + 8 <= pixels; start += 8) {
        const window = image.slice(start, start + 8);
        expect(contains(wire, new Uint8Array(window.buffer))).toBe(false);
        expect(
          contains(
            wire,
            Uint8Array.from(window, (v) => Math.round(v * 255)),
          ),
        ).toBe(false);
      }
      const text = new TextEncoder().encode(JSON.stringify(Array.from(image.slice(0, 3))).slice(1, -1));
      expect(contains(wire, text)).toBe(false);
    }
    // Nor the labels, in order.
    expect(contains(wire, data.labels.slice(0, 16))).toBe(false);
  });
});
