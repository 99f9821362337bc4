import { modelAccessAllows, requestBearerToken, resolveModelAccess, withSessionToken } from './model-access';

const request = (url: string, authorization?: string) => ({
  url,
  headers: authorization === undefined ? {} : { authorization },
});

describe('resolveModelAccess', () => {
  it('follows the enrollment mode and the admin token', () => {
    expect(resolveModelAccess()).toEqual({ kind: 'public' });
    expect(resolveModelAccess({ mode: 'open' }, 'admin')).toEqual({ kind: 'public' });
    expect(resolveModelAccess({ mode: 'token', token: 'join' })).toEqual({ kind: 'token', tokens: ['join'] });
    expect(resolveModelAccess({ mode: 'token', token: 'join' }, 'admin')).toEqual({
      kind: 'token',
      tokens: ['join', 'admin'],
    });
    expect(resolveModelAccess({ mode: 'allowlist', keys: [new Uint8Array(32)] })).toEqual({
      kind: 'token',
      tokens: [],
    });
    expect(resolveModelAccess({ mode: 'allowlist', keys: [new Uint8Array(32)] }, '')).toEqual({
      kind: 'token',
      tokens: [],
    });
  });
});

describe('withSessionToken', () => {
  it('adds one fresh base64url token to closed access, none to public', () => {
    expect(withSessionToken({ kind: 'public' })).toEqual({ access: { kind: 'public' } });
    const { access, sessionToken } = withSessionToken({ kind: 'token', tokens: ['join'] });
    expect(sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(access).toEqual({ kind: 'token', tokens: ['join', sessionToken] });
    expect(withSessionToken({ kind: 'token', tokens: [] }).sessionToken).not.toBe(sessionToken);
  });
});

describe('modelAccessAllows', () => {
  const closed = { kind: 'token', tokens: ['join', 'admin'] } as const;

  it('takes a Bearer header, else ?token=', () => {
    expect(requestBearerToken(request('/m', 'Bearer join'))).toBe('join');
    expect(requestBearerToken(request('/m', 'bearer  join '))).toBe('join');
    expect(requestBearerToken(request('/m?token=admin', 'Basic eA=='))).toBe('admin');
    expect(requestBearerToken(request('/m'))).toBeUndefined();
  });

  it('lets in any listed token and nothing else', () => {
    expect(modelAccessAllows({ kind: 'public' }, request('/m'))).toBe(true);
    expect(modelAccessAllows(closed, request('/m', 'Bearer join'))).toBe(true);
    expect(modelAccessAllows(closed, request('/m?token=admin'))).toBe(true);
    expect(modelAccessAllows(closed, request('/m'))).toBe(false);
    expect(modelAccessAllows(closed, request('/m', 'Bearer joi'))).toBe(false);
    expect(modelAccessAllows(closed, request('/m?token='))).toBe(false);
    expect(modelAccessAllows({ kind: 'token', tokens: [] }, request('/m', 'Bearer anything'))).toBe(false);
  });
});
