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

describe('parseCoordinatorArgs --node-id', () => {
  it("takes the node id from the flag or a config file's nodeId (the flag wins), absent by default", () => {
    expect(parse(['--port', '0']).nodeId).toBeUndefined();
    expect(parse(['--redis', 'redis://h:1', '--node-id', 'node-a']).nodeId).toBe('node-a');
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-cli-'));
    try {
      const file = join(dir, 'coordinator.json');
      writeFileSync(file, JSON.stringify({ redis: 'redis://h:1', nodeId: 'from-file' }));
      expect(parse(['--config', file]).nodeId).toBe('from-file');
      expect(parse(['--config', file, '--node-id', 'from-flag']).nodeId).toBe('from-flag');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a bad node id', () => {
    expect(() => parse(['--node-id', 'a:b'])).toThrow('--node-id must be 1-64 chars of [A-Za-z0-9_.-], got "a:b"');
    expect(() => parse(['--node-id', ''])).toThrow(/--node-id must be 1-64 chars/);
  });
});
