import { ProgressTtyReporter } from './progress-tty-reporter';

function terminal(columns?: number) {
  const chunks: string[] = [];
  return { chunks, columns, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('ProgressTtyReporter', () => {
  it('redraws one status line in place and keeps logged lines above it', () => {
    let now = 0;
    const out = terminal();
    const progress = new ProgressTtyReporter(out, { roundsTotal: 4, refreshMs: 0, color: false, now: () => now });
    progress.update({ roundsDone: 0 });
    expect(out.chunks.at(-1)).toBe('\r\x1b[2K░░░░░░░░░░░░░░░░░░░░░░░░  0/4 rounds  round 1 · 0.0s');
    now = 1500;
    progress.update({ reported: 2, goal: 3 });
    expect(progress.statusLine()).toContain('round 1 · 1.5s  clients 2/3');
    progress.log('round   1  acc 50.00%');
    progress.update({ roundsDone: 1, accuracy: 0.5 });
    expect(progress.statusLine()).toBe('██████░░░░░░░░░░░░░░░░░░  1/4 rounds  round 2 · 0.0s  acc 50.00%');
    progress.finish();
    // The logged line replaced the status line and ended with a newline; finish clears the last one.
    expect(out.text()).toContain('\r\x1b[2Kround   1  acc 50.00%\n');
    expect(out.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('shows retries and stops timing once every round is done', () => {
    const progress = new ProgressTtyReporter(terminal(), { roundsTotal: 2, refreshMs: 0, color: false });
    progress.update({ roundsDone: 1, round: 2, attempt: 2 });
    expect(progress.statusLine()).toContain('round 2 (attempt 2)');
    progress.update({ roundsDone: 2, accuracy: 0.9 });
    expect(progress.statusLine()).toBe('████████████████████████  2/2 rounds  acc 90.00%');
    progress.finish();
  });

  it('colors the bar, and drops colors when it must cut the line to the terminal width', () => {
    const wide = terminal(200);
    new ProgressTtyReporter(wide, { roundsTotal: 2, refreshMs: 0 }).update({ roundsDone: 1 });
    expect(wide.chunks.at(-1)).toContain('\x1b[32m');
    const narrow = terminal(20);
    new ProgressTtyReporter(narrow, { roundsTotal: 2, refreshMs: 0 }).update({ roundsDone: 1 });
    expect(narrow.chunks.at(-1)).toBe('\r\x1b[2K████████████░░░░░░░');
  });

  it('names bad arguments', () => {
    expect(() => new ProgressTtyReporter(terminal(), { roundsTotal: 0 })).toThrow(/roundsTotal/);
    expect(() => new ProgressTtyReporter(null as unknown as { write(t: string): void }, { roundsTotal: 1 })).toThrow(
      /out/,
    );
  });
});
