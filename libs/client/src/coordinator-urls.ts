/**
 * The coordinator nodes a {@link FederatedClient} may connect to, in the order to try them:
 * `url` first when given, then `urls` (duplicates dropped). Checks both, naming the bad one.
 *
 * @example
 * resolveCoordinatorUrls({ urls: ['http://a:7070', 'http://b:7070'] }); // ['http://a:7070', 'http://b:7070']
 * resolveCoordinatorUrls({ url: 'http://b:7070', urls: ['http://a:7070', 'http://b:7070'] }); // b, a
 */
export function resolveCoordinatorUrls(options: { url?: unknown; urls?: unknown }): readonly string[] {
  const { url, urls } = options;
  if (url === undefined && urls === undefined) throw new TypeError('options.url or options.urls must be given');
  if (url !== undefined && (typeof url !== 'string' || url.length === 0))
    throw new TypeError('options.url must be a non-empty string');
  const list: string[] = url === undefined ? [] : [url];
  if (urls !== undefined) {
    if (!Array.isArray(urls) || urls.length === 0)
      throw new TypeError('options.urls must be a non-empty array of URLs when given');
    urls.forEach((entry: unknown, i) => {
      if (typeof entry !== 'string' || entry.length === 0)
        throw new TypeError(`options.urls[${i}] must be a non-empty string`);
      if (!list.includes(entry)) list.push(entry);
    });
  }
  return Object.freeze(list);
}
