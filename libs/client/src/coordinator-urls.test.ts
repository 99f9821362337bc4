import { resolveCoordinatorUrls } from './coordinator-urls';

describe('resolveCoordinatorUrls', () => {
  it('takes url alone, urls alone, or url first then the rest of urls without duplicates', () => {
    expect(resolveCoordinatorUrls({ url: 'http://a:1' })).toEqual(['http://a:1']);
    expect(resolveCoordinatorUrls({ urls: ['http://a:1', 'http://b:2'] })).toEqual(['http://a:1', 'http://b:2']);
    expect(resolveCoordinatorUrls({ url: 'http://b:2', urls: ['http://a:1', 'http://b:2', 'http://a:1'] })).toEqual([
      'http://b:2',
      'http://a:1',
    ]);
  });

  it('names the bad option', () => {
    expect(() => resolveCoordinatorUrls({})).toThrow('options.url or options.urls must be given');
    expect(() => resolveCoordinatorUrls({ url: '' })).toThrow('options.url must be a non-empty string');
    expect(() => resolveCoordinatorUrls({ urls: [] })).toThrow('options.urls must be a non-empty array');
    expect(() => resolveCoordinatorUrls({ urls: 'http://a:1' })).toThrow('options.urls must be a non-empty array');
    expect(() => resolveCoordinatorUrls({ urls: ['http://a:1', 7] })).toThrow(
      'options.urls[1] must be a non-empty string',
    );
  });
});
