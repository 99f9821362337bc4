import { originAllowed } from './origin-allowed';

const from = (origin: string | undefined, host = '127.0.0.1:7070') => ({
  headers: { host, ...(origin === undefined ? {} : { origin }) },
});

describe('originAllowed', () => {
  it('lets native clients (no Origin) and pages of the same origin through, and only listed others', () => {
    expect(originAllowed(from(undefined), [])).toBe(true);
    expect(originAllowed(from('http://127.0.0.1:7070'), [])).toBe(true);
    expect(originAllowed(from('https://127.0.0.1:7070'), [])).toBe(true);
    expect(originAllowed(from('http://evil.example'), [])).toBe(false);
    expect(originAllowed(from('null'), [])).toBe(false);
    expect(originAllowed(from('http://127.0.0.1:7071'), [])).toBe(false);
    expect(originAllowed(from('https://lab.example.org'), ['https://lab.example.org'])).toBe(true);
    expect(originAllowed(from('http://evil.example'), ['*'])).toBe(true);
  });
});
