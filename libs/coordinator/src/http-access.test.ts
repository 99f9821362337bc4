import { httpAccessAllowed } from './http-access';

const request = (authorization?: string, url = '/metrics') => ({
  url,
  headers: authorization ? { authorization } : {},
});

describe('httpAccessAllowed', () => {
  it('is open without an admin token', () => {
    expect(httpAccessAllowed(request(), 'status', {})).toBe(true);
  });

  it('needs the admin token, or for metrics the metrics token', () => {
    const access = { adminToken: 'admin', metricsToken: 'scrape' };
    expect(httpAccessAllowed(request(), 'metrics', access)).toBe(false);
    expect(httpAccessAllowed(request('Bearer admin'), 'status', access)).toBe(true);
    expect(httpAccessAllowed(request('Bearer scrape'), 'metrics', access)).toBe(true);
    expect(httpAccessAllowed(request('Bearer scrape'), 'status', access)).toBe(false);
    expect(httpAccessAllowed(request('Bearer admi'), 'status', access)).toBe(false);
    expect(httpAccessAllowed(request(undefined, '/api/status?token=admin'), 'status', access)).toBe(true);
  });
});
