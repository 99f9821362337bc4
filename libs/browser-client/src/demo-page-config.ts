/** What the demo page's HTML tells its script (a JSON `<script id="edgefl-demo-config">`). */
export interface DemoPageConfig {
  /** Path prefix of tfjs's `.wasm` binaries on the page's origin, ending in `/`. */
  wasmPaths: string;
  /** Local procedural examples. */
  examples: number;
}
