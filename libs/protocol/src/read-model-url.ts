import { readPatternString } from './field-readers';
import type { FieldSource } from './field-readers';
import { MODEL_URL_PATTERN } from './model-routes';

/** `modelUrl` of `round-end` / `run-end`: an absolute path on the coordinator's origin (no scheme, host, query or fragment). */
export function readModelUrl(source: FieldSource): string {
  return readPatternString(
    source,
    'modelUrl',
    MODEL_URL_PATTERN,
    "an absolute path of 1-512 URL path characters starting with a single '/' (no scheme, host, query or fragment)",
  );
}
