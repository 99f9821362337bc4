import { requestToken } from './request-token';

describe('requestToken', () => {
  it('reads ?token= first, then a Bearer header, else nothing', () => {
    expect(requestToken({ url: '/?token=abc', headers: { authorization: 'Bearer other' } })).toBe('abc');
    expect(requestToken({ url: '/', headers: { authorization: 'Bearer xyz' } })).toBe('xyz');
    expect(requestToken({ url: '/', headers: { authorization: 'bearer  xyz ' } })).toBe('xyz');
    expect(requestToken({ url: '/', headers: { authorization: 'Basic eHl6' } })).toBeUndefined();
    expect(requestToken({ url: '/?token=', headers: {} })).toBeUndefined();
    expect(requestToken({ url: undefined, headers: {} })).toBeUndefined();
  });
});
