import { progressForStream } from './progress-for-stream';
import { ProgressLineReporter } from './progress-line-reporter';
import { ProgressTtyReporter } from './progress-tty-reporter';

describe('progressForStream', () => {
  const write = (): boolean => true;

  it('draws a bar only on an interactive terminal', () => {
    const tty = progressForStream({ write, isTTY: true }, { roundsTotal: 3, env: {} });
    expect(tty).toBeInstanceOf(ProgressTtyReporter);
    tty.finish();
    expect(progressForStream({ write }, { roundsTotal: 3, env: {} })).toBeInstanceOf(ProgressLineReporter);
    expect(progressForStream({ write, isTTY: true }, { roundsTotal: 3, env: { TERM: 'dumb' } })).toBeInstanceOf(
      ProgressLineReporter,
    );
    expect(progressForStream({ write, isTTY: true }, { roundsTotal: 3, env: { CI: 'true' } })).toBeInstanceOf(
      ProgressLineReporter,
    );
  });

  it('prints plain lines and nothing else when it is not a terminal', () => {
    const lines: string[] = [];
    const progress = progressForStream({ write: (text: string) => lines.push(text) }, { roundsTotal: 3, env: {} });
    progress.update({ roundsDone: 1 });
    progress.log('round   1');
    progress.finish();
    expect(lines).toEqual(['round   1\n']);
  });
});
