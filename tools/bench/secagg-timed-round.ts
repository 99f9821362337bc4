import { performance } from 'node:perf_hooks';
import { encodeOwnedShareRecords, encodeShareRecords } from '@edgefl/protocol';
import {
  runInMemorySecAggRound,
  type InMemoryDropouts,
  type InMemoryRoundStep,
  type InMemoryUpload,
} from '@edgefl/secagg';

export const ROUND_ID = 'bench-round';
const ROUND_ID_BYTES = new TextEncoder().encode(ROUND_ID).length;
const ID_BYTES = 4;
/** The round id and a 4-byte client id that every client message carries. */
export const MESSAGE_HEADER_BYTES = ROUND_ID_BYTES + ID_BYTES;

/** CPU ms of one client, by stage (sign and check count as `consistency`). */
export interface ClientStageMs {
  advertise: number;
  share: number;
  mask: number;
  pack: number;
  consistency: number;
  unmask: number;
}

/** CPU ms of the server round, by kind of call (the step names of the in-memory driver). */
export type CoordinatorMs = Record<(InMemoryRoundStep & { side: 'server' })['step'], number>;

/** Payload bytes of each message a client uploads. */
export interface UploadBytes {
  advertisement: number;
  shares: number;
  maskedInput: number;
  /** secagg-signature of the consistency check (0 without it). */
  signature: number;
  revealedShares: number;
}

export interface ClientRecord {
  cpu: ClientStageMs;
  wallMs: number;
  bytes: UploadBytes;
  /** Messages this client uploaded. */
  stagesRun: number;
}

export interface TimedRound {
  completed: boolean;
  /** Why the round aborted, when it did. */
  error?: Error;
  sum?: Uint32Array;
  survivors: readonly number[];
  clients: Map<number, ClientRecord>;
  coordinator: CoordinatorMs;
  coordinatorWallMs: number;
  maskedVectorBytes: number;
}

/** Runs `action` and returns its result with the CPU (user + system) and wall milliseconds it took. */
export function timed<T>(action: () => T): { value: T; cpuMs: number; wallMs: number } {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const value = action();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { value, cpuMs: (cpu.user + cpu.system) / 1000, wallMs };
}

const CLIENT_PART: Record<(InMemoryRoundStep & { side: 'client' })['step'], keyof ClientStageMs> = {
  advertise: 'advertise',
  share: 'share',
  mask: 'mask',
  pack: 'pack',
  sign: 'consistency',
  check: 'consistency',
  unmask: 'unmask',
};

/**
 * What one upload weighs without socket.io/JSON framing: the message header and the binary fields
 * as they go on the wire (keys and signatures, the share records and revealed-share records as
 * @edgefl/protocol encodes them, the masked vector packed at m bits).
 */
export function uploadBytes(message: InMemoryUpload): { part: keyof UploadBytes; bytes: number } {
  switch (message.kind) {
    case 'advertisement': {
      const { shareKey, maskKey, signature } = message.advertisement;
      const bytes = shareKey.length + maskKey.length + signature.length;
      return { part: 'advertisement', bytes: MESSAGE_HEADER_BYTES + bytes };
    }
    case 'shares': {
      return {
        part: 'shares',
        bytes: MESSAGE_HEADER_BYTES + encodeShareRecords(message.shares.shares, ROUND_ID).length,
      };
    }
    case 'masked-input': {
      if (message.packed === undefined) throw new Error('the bench sends masked inputs packed (packMaskedInputs)');
      return { part: 'maskedInput', bytes: MESSAGE_HEADER_BYTES + message.packed.length };
    }
    case 'consistency-signature':
      return { part: 'signature', bytes: MESSAGE_HEADER_BYTES + message.signature.signature.length };
    case 'revealed-shares': {
      const owned = (shares: typeof message.revealed.selfSeedShares) => encodeOwnedShareRecords(shares).length;
      const { selfSeedShares, maskKeyShares } = message.revealed;
      return { part: 'revealedShares', bytes: MESSAGE_HEADER_BYTES + owned(selfSeedShares) + owned(maskKeyShares) };
    }
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
}

/**
 * One round between real client sessions and a real server round (`runInMemorySecAggRound`, masked
 * inputs packed as on the wire), every call timed on its own through the driver's observer, every
 * upload weighed.
 */
export function runTimedRound(
  inputs: ReadonlyMap<number, Uint32Array>,
  k: number,
  t: number,
  m: number,
  graphSeed: Uint8Array,
  dropouts: InMemoryDropouts,
  consistencyCheck: boolean,
): TimedRound {
  const coordinator: CoordinatorMs = { setup: 0, receive: 0, unpack: 0, close: 0, finish: 0, routing: 0 };
  let coordinatorWallMs = 0;
  let maskedVectorBytes = 0;
  const clients = new Map<number, ClientRecord>();
  const record = (id: number): ClientRecord => {
    let client = clients.get(id);
    if (client === undefined) {
      client = {
        cpu: { advertise: 0, share: 0, mask: 0, pack: 0, consistency: 0, unmask: 0 },
        wallMs: 0,
        bytes: { advertisement: 0, shares: 0, maskedInput: 0, signature: 0, revealedShares: 0 },
        stagesRun: 0,
      };
      clients.set(id, client);
    }
    return client;
  };
  const report = runInMemorySecAggRound({
    roundId: ROUND_ID,
    inputs,
    modulusBits: m,
    neighbourCount: k,
    threshold: t,
    graphSeed,
    dropouts,
    consistencyCheck,
    packMaskedInputs: true,
    observer: {
      around: (step, call) => {
        const { value, cpuMs, wallMs } = timed(call);
        if (step.side === 'server') {
          coordinator[step.step] += cpuMs;
          if (step.step !== 'routing') coordinatorWallMs += wallMs;
        } else {
          const client = record(step.clientIndex);
          client.cpu[CLIENT_PART[step.step]] += cpuMs;
          client.wallMs += wallMs;
        }
        return value;
      },
      upload: (id, message) => {
        const { part, bytes } = uploadBytes(message);
        if (message.kind === 'masked-input') maskedVectorBytes = message.packed?.length ?? 0;
        const client = record(id);
        client.bytes[part] = bytes;
        client.stagesRun++;
      },
    },
  });
  return {
    completed: report.result !== undefined,
    error: report.error,
    sum: report.result?.sum,
    survivors: report.result?.survivors ?? [],
    clients,
    coordinator,
    coordinatorWallMs,
    maskedVectorBytes,
  };
}
