import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCoordinatorArgs } from './coordinator-cli-options';
import type { CoordinatorCliOptions } from './coordinator-cli-options';

function parse(argv: string[]): CoordinatorCliOptions {
  const options = parseCoordinatorArgs(argv);
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
