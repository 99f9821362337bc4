import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * Loads a TF.js LayersModel folder (`model.json` plus the shards its manifest lists) with
 * `tf.loadLayersModel`, as a browser's HTTP loader would: the same files, unchanged, through an
 * IOHandler that reads them from disk (tfjs' own `file://` handler needs tfjs-node).
 *
 * @example
 * const model = await loadTfjsFolder('runs/demo/model/tfjs-uint8');
 */
export async function loadTfjsFolder(dir: string): Promise<tfl.LayersModel> {
  const handler: tf.io.IOHandler = {
    async load() {
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      const specs: tf.io.WeightsManifestEntry[] = [];
      const shards: Uint8Array[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const path of group.paths) shards.push(await readFile(join(dir, path)));
      }
      const total = shards.reduce((sum, shard) => sum + shard.length, 0);
      const weightData = new Uint8Array(total);
      let offset = 0;
      for (const shard of shards) {
        weightData.set(shard, offset);
        offset += shard.length;
      }
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        weightSpecs: specs,
        weightData: weightData.buffer,
      };
    },
  };
  return tfl.loadLayersModel(handler);
}
