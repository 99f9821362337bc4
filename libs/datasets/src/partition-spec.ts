/**
 * How to split a dataset over clients: `iid`, `dirichlet:<alpha>` (label skew, smaller alpha is more
 * skewed) or `shards:<k>` (McMahan et al. 2017's pathological split, k label-sorted shards each).
 */
export type PartitionSpec = 'iid' | `dirichlet:${number}` | `shards:${number}`;

/** A parsed `PartitionSpec`. */
export type ParsedPartitionSpec =
  { kind: 'iid' } | { kind: 'dirichlet'; alpha: number } | { kind: 'shards'; shardsPerClient: number };

const DIRICHLET = /^dirichlet:(\S+)$/;
const SHARDS = /^shards:(\S+)$/;

/**
 * Parses a partition spec such as a CLI flag value; throws an Error that names the accepted forms.
 *
 * @example
 * parsePartitionSpec('dirichlet:0.3'); // { kind: 'dirichlet', alpha: 0.3 }
 * parsePartitionSpec('shards:2');      // { kind: 'shards', shardsPerClient: 2 }
 */
export function parsePartitionSpec(text: string): ParsedPartitionSpec {
  if (typeof text !== 'string') throw new Error(`partition spec must be a string, got ${typeof text}`);
  const spec = text.trim();
  if (spec === 'iid') return { kind: 'iid' };
  const dirichlet = DIRICHLET.exec(spec);
  if (dirichlet) {
    const alpha = Number(dirichlet[1]);
    if (!Number.isFinite(alpha) || alpha <= 0) {
      throw new Error(`partition spec "${text}": dirichlet alpha must be a finite number > 0`);
    }
    return { kind: 'dirichlet', alpha };
  }
  const shards = SHARDS.exec(spec);
  if (shards) {
    const shardsPerClient = Number(shards[1]);
    if (!Number.isInteger(shardsPerClient) || shardsPerClient < 1) {
      throw new Error(`partition spec "${text}": shards per client must be an integer >= 1`);
    }
    return { kind: 'shards', shardsPerClient };
  }
  throw new Error(
    `partition spec "${text}" is not one of 'iid', 'dirichlet:<alpha>' (alpha > 0), 'shards:<k>' (integer k >= 1)`,
  );
}
