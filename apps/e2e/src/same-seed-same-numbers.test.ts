import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';
import { smallSyntheticRun } from './support/small-synthetic-run';

/** A small synthetic plain run with over-selection (4 selected for 3 wanted) and 20% dropout: before, wall-clock order decided whose update counted. */
const FLAGS: SimulationOptions = smallSyntheticRun({ rounds: 4, seed: 3 });

/** Runs the simulation and returns report.json's `rounds` array as written to disk. */
async function roundsJson(threads: number, dir: string, overrides: Partial<SimulationOptions> = {}): Promise<string> {
  const report = await runSimulation({ ...FLAGS, threads, out: dir, ...overrides });
  const file = join(dir, `report-${threads}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return JSON.stringify((JSON.parse(readFileSync(file, 'utf8')) as { rounds: unknown }).rounds);
}

describe('same seed, same numbers', () => {
  it('gives byte-identical report.json rounds for the same flags, in one thread and on the worker pool', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-same-seed-'));
    try {
      const first = await roundsJson(1, dir);
      const second = await roundsJson(2, dir);
      const rounds = JSON.parse(first) as Array<{ participants: number; dropped: number; accuracy: number | null }>;
      expect(rounds).toHaveLength(FLAGS.rounds);
      // The harness did something worth reproducing: over-selection and drops, real training and evaluation.
      expect(rounds.some((round) => round.dropped > 0)).toBe(true);
      expect(rounds.every((round) => round.participants <= FLAGS.perRound && typeof round.accuracy === 'number')).toBe(
        true,
      );
      expect(second).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does the same for secure rounds (dropouts at seeded stages, the graph from the round seed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-same-seed-'));
    try {
      const secure: Partial<SimulationOptions> = { secure: true, rounds: 3, clipRange: 0.05 };
      const first = await roundsJson(1, dir, secure);
      const second = await roundsJson(2, dir, secure);
      expect((JSON.parse(first) as unknown[]).length).toBe(3);
      expect(second).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
