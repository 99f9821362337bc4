import { randomBytes } from 'node:crypto';

const NODE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * A coordinator node's id: the one given (checked: 1-64 chars of `[A-Za-z0-9_.-]`), or a fresh
 * `node-` plus 8 random hex digits. Nodes of one run must have distinct ids; Redis refuses a
 * second live node with the same one (docs/SCALING.md).
 *
 * @example
 * resolveNodeId('node-a'); // 'node-a'
 * resolveNodeId(); // e.g. 'node-3f9c01a2'
 */
export function resolveNodeId(nodeId?: string): string {
  if (nodeId === undefined) return `node-${randomBytes(4).toString('hex')}`;
  if (typeof nodeId !== 'string' || !NODE_ID.test(nodeId))
    throw new RangeError(`nodeId must be 1-64 chars of [A-Za-z0-9_.-], got ${JSON.stringify(nodeId)}`);
  return nodeId;
}
