/**
 * Global fetch with the JSON parsed in the caller's realm, for loaders under Jest (tfjs'
 * `loadLayersModel`, the SDK's `loadModel`): Jest runs tests in a VM context whose `Array` is not the
 * one undici's `json()` builds, and tfjs-layers tells arrays by `instanceof Array`. A fresh process
 * or a browser has one realm and needs none of this.
 *
 * @example
 * const model = await tfl.loadLayersModel(`${url}/api/model/model.json`, { fetchFunc: inRealmFetch });
 */
export const inRealmFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const body = await response.arrayBuffer();
  // The fields the loaders read; the rest of a Response is never touched.
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    url: response.url,
    json: async () => JSON.parse(new TextDecoder().decode(body)),
    arrayBuffer: async () => body,
  } as Response;
};
