import { coordinatorModelUrl, loadCoordinatorModel } from './load-coordinator-model';
import { ModelDownloadError } from './client-errors';

describe('coordinatorModelUrl', () => {
  it('names the latest or a committed version on the coordinator origin', () => {
    expect(coordinatorModelUrl('http://127.0.0.1:7070')).toBe('http://127.0.0.1:7070/api/model/model.json');
    expect(coordinatorModelUrl('http://127.0.0.1:7070/', 3)).toBe('http://127.0.0.1:7070/api/model/v/3/model.json');
    expect(coordinatorModelUrl('wss://fl.example/socket', 0)).toBe('https://fl.example/api/model/v/0/model.json');
  });

  it('refuses what is not an http(s) or ws(s) URL', () => {
    expect(() => coordinatorModelUrl('ftp://127.0.0.1:7070')).toThrow(
      'coordinatorUrl must be an http(s) or ws(s) URL, got ftp:',
    );
    expect(() => coordinatorModelUrl('127.0.0.1:7070')).toThrow('coordinatorUrl must be an absolute URL');
    expect(() => coordinatorModelUrl('http://h', -1)).toThrow(RangeError);
  });
});

describe('loadCoordinatorModel', () => {
  it('checks its options', async () => {
    await expect(loadCoordinatorModel('http://127.0.0.1:1', { token: '' })).rejects.toThrow(
      'options.token must be a non-empty string',
    );
    await expect(loadCoordinatorModel('http://127.0.0.1:1', { version: 1.5 })).rejects.toThrow(
      'options.version must be a non-negative integer',
    );
  });

  it('names a failed download ModelDownloadError, with the URL and the cause', async () => {
    const refused = async (): Promise<Response> => new Response('{"error":"unauthorized"}', { status: 401 });
    const error = await loadCoordinatorModel('http://127.0.0.1:7070', { fetch: refused }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelDownloadError);
    expect((error as ModelDownloadError).url).toBe('http://127.0.0.1:7070/api/model/model.json');
    expect((error as Error).message).toMatch(
      /^could not load the model from http:\/\/127\.0\.0\.1:7070\/api\/model\/model\.json: .*401/,
    );
  });
});
