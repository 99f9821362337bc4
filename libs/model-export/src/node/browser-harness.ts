// Build- and test-time entry (`@edgefl/model-export/browser-harness`): a page that loads the
// deployment artifacts in a browser's runtimes. Not part of the package's runtime exports.
export { buildArtifactPageBundle } from './build-artifact-page-bundle';
export type { ArtifactPageServer } from './serve-artifact-page';
export { serveArtifactPage } from './serve-artifact-page';
export { ARTIFACT_PAGE_ROUTES } from '../artifact-page-routes';
export type {
  BrowserRuntime,
  BrowserArtifactRequest,
  BrowserAccuracyRequest,
  BrowserTimingRequest,
  BrowserTiming,
  BrowserArtifactHarness,
} from '../browser-runtime';
export { BROWSER_RUNTIMES, HARNESS_GLOBAL } from '../browser-runtime';
