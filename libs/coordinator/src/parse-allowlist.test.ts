import { encodeBase64 } from '@edgefl/protocol';
import { parseAllowlist } from './parse-allowlist';

describe('parseAllowlist', () => {
  const a = new Uint8Array(32).fill(1);
  const b = new Uint8Array(32).fill(2);

  it('reads one key per line, skipping comments and names', () => {
    const text = `# clients\n${encodeBase64(a)}  phone-1\n\n  ${encodeBase64(b)}\r\n`;
    expect(parseAllowlist(text)).toEqual([a, b]);
  });

  it('names the bad line', () => {
    expect(() => parseAllowlist(`${encodeBase64(a)}\nAQID\n`)).toThrow(/line 2/);
    expect(() => parseAllowlist('# nothing\n')).toThrow(/no key/);
  });
});
