import type { Socket } from 'socket.io';
import { Decoder, Encoder } from 'socket.io-parser';

/** What the {@link createEdgeParser} decoder lets through before anything is parsed. */
export interface EdgeParserLimits {
  /** Longest text frame (socket.io packet header and JSON arguments), in UTF-16 code units. */
  maxTextFrameChars: number;
  /** Longest CONNECT packet (its auth payload is kept for the socket's life), in code units. */
  maxConnectChars: number;
  /** Deepest bracket nesting of a text frame's JSON, counted before it is parsed. */
  maxNestingDepth: number;
  /** Binary attachments of one packet. */
  maxAttachments: number;
  /** Bytes of binary attachments a connection may send per packet before it enrolled. */
  preEnrollmentBinaryBytes: number;
}

/** Thrown inside the decoder: socket.io answers by closing the connection ("parse error"). */
export class FrameRefusedError extends Error {
  constructor(
    readonly reason: 'frame-too-large' | 'connect-too-large' | 'too-deep' | 'too-many-attachments' | 'binary-too-large',
    message: string,
  ) {
    super(message);
    this.name = 'FrameRefusedError';
  }
}

/** The decoder side of a connection, as the coordinator sees it. */
export interface EdgeFrameDecoder {
  /** Raises the per-packet binary cap once the peer enrolled (bulk uploads become acceptable). */
  raiseBinaryCap(bytes: number): void;
  /** Frames refused so far on this connection. */
  readonly refused: number;
}

const CONNECT = '0';
const BINARY_EVENT = '5';
const BINARY_ACK = '6';

/**
 * A socket.io parser whose decoder refuses a frame by its size and shape before `JSON.parse`
 * runs (docs/PROTOCOL.md, "Limits"): text frames above `maxTextFrameChars`, CONNECT packets
 * above `maxConnectChars`, nesting deeper than `maxNestingDepth`, more than `maxAttachments`
 * attachments, and binary attachments above the connection's binary cap (a few KiB until the
 * peer enrolled, then what {@link EdgeFrameDecoder.raiseBinaryCap} set). A refusal throws, and
 * socket.io closes the connection: nothing of the frame is kept.
 *
 * @example
 * new Server(http, { parser: createEdgeParser({ maxTextFrameChars: 65_536, maxConnectChars: 4_096,
 *   maxNestingDepth: 16, maxAttachments: 10, preEnrollmentBinaryBytes: 4_096 }) });
 */
export function createEdgeParser(limits: EdgeParserLimits): { Encoder: typeof Encoder; Decoder: new () => Decoder } {
  class EdgeDecoder extends Decoder implements EdgeFrameDecoder {
    private binaryCap = limits.preEnrollmentBinaryBytes;
    private binaryLeft = 0;
    refused = 0;

    constructor() {
      super({ maxAttachments: limits.maxAttachments });
    }

    raiseBinaryCap(bytes: number): void {
      this.binaryCap = Math.max(this.binaryCap, bytes);
    }

    override add(frame: unknown): void {
      if (typeof frame === 'string') {
        this.screenText(frame);
        this.binaryLeft = this.binaryCap;
      } else {
        const length = binaryLength(frame);
        if (length > this.binaryLeft) {
          this.refuse(
            new FrameRefusedError('binary-too-large', `binary attachments above ${this.binaryCap} bytes in one packet`),
          );
        }
        this.binaryLeft -= length;
      }
      super.add(frame);
    }

    private screenText(frame: string): void {
      const isConnect = frame.startsWith(CONNECT);
      const cap = isConnect ? Math.min(limits.maxConnectChars, limits.maxTextFrameChars) : limits.maxTextFrameChars;
      if (frame.length > cap) {
        this.refuse(
          isConnect
            ? new FrameRefusedError('connect-too-large', `a CONNECT packet longer than ${cap} characters`)
            : new FrameRefusedError('frame-too-large', `a text frame longer than ${cap} characters`),
        );
      }
      if (nestingDepth(frame, limits.maxNestingDepth) > limits.maxNestingDepth) {
        this.refuse(new FrameRefusedError('too-deep', `JSON nested deeper than ${limits.maxNestingDepth} levels`));
      }
      if (frame.startsWith(BINARY_EVENT) || frame.startsWith(BINARY_ACK)) {
        const attachments = Number.parseInt(frame.slice(1, frame.indexOf('-')), 10);
        if (attachments > limits.maxAttachments)
          this.refuse(
            new FrameRefusedError('too-many-attachments', `more than ${limits.maxAttachments} binary attachments`),
          );
      }
    }

    private refuse(error: FrameRefusedError): never {
      this.refused++;
      throw error;
    }
  }
  return { Encoder, Decoder: EdgeDecoder };
}

/**
 * The edge decoder behind a socket.io socket, when the server uses {@link createEdgeParser}.
 * socket.io keeps one decoder per connection on its (internal) `Client`.
 */
export function edgeDecoderOf(socket: Socket): EdgeFrameDecoder | undefined {
  const decoder = (socket.client as unknown as { decoder?: Partial<EdgeFrameDecoder> }).decoder;
  return decoder && typeof decoder.raiseBinaryCap === 'function' ? (decoder as EdgeFrameDecoder) : undefined;
}

function binaryLength(frame: unknown): number {
  if (frame instanceof ArrayBuffer) return frame.byteLength;
  if (ArrayBuffer.isView(frame)) return frame.byteLength;
  // Base64 attachments (old polling clients) decode to 3/4 of their length.
  const base64 = (frame as { base64?: unknown } | null)?.base64;
  const data = (frame as { data?: unknown } | null)?.data;
  return base64 && typeof data === 'string' ? Math.ceil((data.length * 3) / 4) : 0;
}

/**
 * Deepest `[`/`{` nesting in `text` outside JSON strings; stops counting once past `limit`.
 * Linear in the frame, and only ever run on frames within the size cap.
 */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}
