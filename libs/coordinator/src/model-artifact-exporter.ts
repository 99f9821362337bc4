import { join } from 'node:path';
import type { ModelSpec } from '@edgefl/protocol';
import type { RoundStore } from '@edgefl/coordinator-store';
import type { Dataset } from '@edgefl/datasets';
import type { DeploymentManifest } from '@edgefl/model-export';
import { writeDeployment } from '@edgefl/model-export/node';

/** Where and against what the coordinator writes deployment artifacts. */
export interface ModelArtifactsOptions {
  /** Output directory: version V goes to `DIR/vV/` (artifacts plus deployment.json). */
  dir: string;
  /** Held-out set every artifact is scored on. */
  testSet: Dataset;
  /** Its name in deployment.json, e.g. 'fashion-mnist t10k'. */
  testSetName: string;
}

/** One exported model version. */
export interface ExportedModel {
  modelVersion: number;
  /** The folder holding the artifacts and deployment.json. */
  dir: string;
  manifest: DeploymentManifest;
}

/**
 * Writes the deployment artifacts (model-export's `writeDeployment`) of committed model versions
 * read from the round store. One write per version per process: repeated or concurrent requests
 * for a version share the first write's promise (a failed write is forgotten, so it can be
 * retried).
 *
 * @example
 * const exporter = new ModelArtifactExporter(store, spec, { dir: 'state/model', testSet, testSetName: 'procedural' });
 * const { dir } = await exporter.export(); // the latest committed version
 */
export class ModelArtifactExporter {
  private readonly written = new Map<number, Promise<ExportedModel>>();

  constructor(
    private readonly store: RoundStore,
    private readonly spec: ModelSpec,
    private readonly options: ModelArtifactsOptions,
  ) {
    if (typeof options.dir !== 'string' || options.dir === '')
      throw new TypeError('artifacts.dir must be a non-empty path');
  }

  /** Exports `version` (default: the latest committed one); throws a RangeError for an unknown version. */
  async export(version?: number): Promise<ExportedModel> {
    if (version !== undefined && (!Number.isInteger(version) || version < 0)) {
      throw new RangeError(`model version must be an integer >= 0, got ${version}`);
    }
    const checkpoint =
      version === undefined ? await this.store.latestCheckpoint() : await this.store.checkpoint(version);
    if (!checkpoint)
      throw new RangeError(
        version === undefined
          ? 'no model version has been committed yet'
          : `model version ${version} was never committed`,
      );
    let pending = this.written.get(checkpoint.version);
    if (!pending) {
      const dir = join(this.options.dir, `v${checkpoint.version}`);
      pending = writeDeployment(dir, {
        spec: this.spec,
        weights: checkpoint.weights,
        testSet: this.options.testSet,
        testSetName: this.options.testSetName,
        modelVersion: checkpoint.version,
      }).then((manifest) => ({ modelVersion: checkpoint.version, dir, manifest }));
      this.written.set(checkpoint.version, pending);
      pending.catch(() => this.written.delete(checkpoint.version));
    }
    return pending;
  }
}
