import { ChromiumNotFoundError, findChromium } from './find-chromium';

/** A file system with exactly these executables. */
const only =
  (...paths: string[]) =>
  (path: string): boolean =>
    paths.includes(path);

describe('findChromium', () => {
  const playwright = '/cache/ms-playwright/chromium-1200/chrome-linux/chrome';

  it('takes CHROMIUM_PATH first, even when Playwright has its own Chromium', () => {
    expect(
      findChromium({
        env: { CHROMIUM_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' },
        playwrightExecutablePath: () => playwright,
        isExecutable: only('/opt/chrome/chrome', playwright, '/usr/bin/chromium'),
      }),
    ).toBe('/opt/chrome/chrome');
  });

  it('refuses a CHROMIUM_PATH that names no executable instead of falling through', () => {
    const find = (): string =>
      findChromium({
        env: { CHROMIUM_PATH: '/opt/typo/chrome', PATH: '/usr/bin' },
        isExecutable: only('/usr/bin/chromium'),
      });
    expect(find).toThrow(ChromiumNotFoundError);
    expect(find).toThrow(/CHROMIUM_PATH=\/opt\/typo\/chrome: not an executable file/);
  });

  it("then Playwright's own Chromium when it is installed", () => {
    expect(
      findChromium({
        env: { PATH: '/usr/bin' },
        playwrightExecutablePath: () => playwright,
        isExecutable: only(playwright, '/usr/bin/chromium'),
      }),
    ).toBe(playwright);
  });

  it('then a system Chromium or Chrome on PATH, in PATH order for each name', () => {
    expect(
      findChromium({
        env: { PATH: '/usr/local/bin:/usr/bin' },
        playwrightExecutablePath: () => playwright,
        isExecutable: only('/usr/bin/chromium', '/usr/local/bin/google-chrome'),
      }),
    ).toBe('/usr/bin/chromium');
    expect(
      findChromium({ env: { PATH: '/usr/local/bin:/usr/bin' }, isExecutable: only('/usr/local/bin/google-chrome') }),
    ).toBe('/usr/local/bin/google-chrome');
  });

  it('names every place it looked when there is no Chromium', () => {
    const find = (): string =>
      findChromium({
        env: { PATH: '/usr/bin:/bin' },
        playwrightExecutablePath: () => playwright,
        isExecutable: only(),
      });
    expect(find).toThrow(ChromiumNotFoundError);
    expect(find).toThrow(/CHROMIUM_PATH: not set/);
    expect(find).toThrow(`Playwright's own Chromium: ${playwright} is not installed`);
    expect(find).toThrow(
      /chromium, chromium-browser, google-chrome-stable, google-chrome on PATH \(\/usr\/bin:\/bin\)/,
    );
  });

  it('treats a throwing chromium.executablePath() as one more place without a browser', () => {
    expect(() =>
      findChromium({
        env: { PATH: '' },
        playwrightExecutablePath: () => {
          throw new Error('unsupported platform');
        },
        isExecutable: only(),
      }),
    ).toThrow(/chromium\.executablePath\(\): unsupported platform/);
  });

  it('finds a real executable on this machine through the file system', () => {
    // The test process's own node binary stands in for a browser: CHROMIUM_PATH takes any executable.
    expect(findChromium({ env: { CHROMIUM_PATH: process.execPath } })).toBe(process.execPath);
    expect(() => findChromium({ env: { CHROMIUM_PATH: __filename } })).toThrow(/not an executable file/);
  });
});
