import type { Redis } from 'ioredis';

/** Redis's own traffic counters at one moment (`INFO stats` and `INFO commandstats`). */
export interface RedisTrafficSnapshot {
  /** `total_net_input_bytes`: bytes Redis read from all its clients since it started. */
  inputBytes: number;
  /** `total_net_output_bytes`: bytes Redis wrote to all its clients since it started. */
  outputBytes: number;
  /** `total_commands_processed`. */
  commands: number;
  /** Calls per command (`cmdstat_<name>:calls`), e.g. `{ xadd: 12, evalsha: 40 }`. */
  calls: Record<string, number>;
}

/** What went through Redis between two snapshots, the meter's own INFO calls left out. */
export interface RedisTraffic {
  /** Bytes clients sent to Redis. */
  inputBytes: number;
  /** Bytes Redis sent to clients. */
  outputBytes: number;
  commands: number;
  /** Calls per command that grew, largest first. */
  calls: Array<{ command: string; calls: number }>;
}

const INFO_SECTIONS = ['stats', 'commandstats'] as const;

/**
 * Measures the traffic through a Redis server from its own counters: `snapshot()` before and
 * after something (a round, a connection storm), then `between(before, after)`. The counters
 * cover every client of the server, so this measures what all coordinator nodes sent and
 * received, not one connection. The meter's INFO requests and replies are subtracted, so two
 * snapshots in a row with nothing else going on differ by zero.
 *
 * @example
 * const meter = new RedisTrafficMeter(redis);
 * const before = await meter.snapshot();
 * await runOneRound();
 * const { inputBytes, outputBytes } = meter.between(before, await meter.snapshot());
 */
export class RedisTrafficMeter {
  /** Bytes of the INFO request, as RESP (`*3 $4 INFO $5 stats $12 commandstats`). */
  private readonly requestBytes = respArrayBytes(['INFO', ...INFO_SECTIONS]);
  /** Reply size of each snapshot, by snapshot, so the next one can subtract it. */
  private readonly replyBytes = new WeakMap<RedisTrafficSnapshot, number>();

  /** Uses `redis` for its INFO calls (any connection to the server; it sends nothing else). */
  constructor(private readonly redis: Redis) {}

  async snapshot(): Promise<RedisTrafficSnapshot> {
    const text = await this.redis.info(...INFO_SECTIONS);
    const fields = new Map<string, string>();
    for (const line of text.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
    }
    const number = (name: string): number => {
      const value = Number(fields.get(name));
      if (!Number.isFinite(value)) throw new Error(`redis INFO has no numeric ${name}: is this a Redis server?`);
      return value;
    };
    const calls: Record<string, number> = {};
    for (const [name, value] of fields) {
      if (!name.startsWith('cmdstat_')) continue;
      const match = /(?:^|,)calls=(\d+)/.exec(value);
      if (match) calls[name.slice('cmdstat_'.length)] = Number(match[1]);
    }
    const snapshot: RedisTrafficSnapshot = {
      inputBytes: number('total_net_input_bytes'),
      outputBytes: number('total_net_output_bytes'),
      commands: number('total_commands_processed'),
      calls,
    };
    // RESP2 sends INFO as a bulk string ($len); RESP3 (ioredis's default) as a verbatim string (=len, "txt:" first).
    const length = Buffer.byteLength(text, 'utf8') + (this.redis.options.protocol === 2 ? 0 : 'txt:'.length);
    this.replyBytes.set(snapshot, `$${length}\r\n`.length + length + 2);
    return snapshot;
  }

  /**
   * The traffic from `before` to `after` (both taken by this meter, `before` first). Redis counts a
   * request when it reads it and a reply once it is written: `after`'s INFO request and `before`'s
   * reply fall between the two, and are taken out, as is the INFO call itself in the counts.
   */
  between(before: RedisTrafficSnapshot, after: RedisTrafficSnapshot): RedisTraffic {
    const ownReply = this.replyBytes.get(before);
    if (ownReply === undefined) throw new Error('between(): `before` was not taken by this meter');
    const grown: Array<{ command: string; calls: number }> = [];
    for (const [command, count] of Object.entries(after.calls)) {
      const delta = count - (before.calls[command] ?? 0) - (command === 'info' ? 1 : 0);
      if (delta > 0) grown.push({ command, calls: delta });
    }
    grown.sort((a, b) => b.calls - a.calls || (a.command < b.command ? -1 : 1));
    return {
      inputBytes: after.inputBytes - before.inputBytes - this.requestBytes,
      outputBytes: after.outputBytes - before.outputBytes - ownReply,
      // total_commands_processed counts a command once it ran: `before`'s INFO is in, `after`'s not yet.
      commands: after.commands - before.commands - 1,
      calls: grown,
    };
  }
}

/** Size of a command as a RESP array of bulk strings. */
function respArrayBytes(parts: readonly string[]): number {
  let bytes = `*${parts.length}\r\n`.length;
  for (const part of parts) {
    const length = Buffer.byteLength(part, 'utf8');
    bytes += `$${length}\r\n`.length + length + 2;
  }
  return bytes;
}
