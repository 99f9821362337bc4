import {
  getKernel,
  type DataType,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/**
 * The part of a tfjs backend a composed kernel touches: allocating outputs and releasing data.
 * `BackendWasm` satisfies it.
 */
export interface ComposableBackend {
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number, values?: ArrayLike<number>): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

/**
 * Runs other kernels of one backend directly (no engine, no tape, no tensor tracking) and
 * releases every intermediate it produced, so that a kernel missing from a backend can be built
 * from kernels the backend has without allocating engine tensors per call.
 *
 * @example
 * const composer = new KernelComposer(backend, 'wasm');
 * try {
 *   const padded = composer.run('PadV2', { x }, { paddings, constantValue: 0 });
 *   return composer.keep(composer.run('Reshape', { x: padded }, { shape }));
 * } finally {
 *   composer.disposeIntermediates();
 * }
 */
export class KernelComposer {
  private readonly intermediates: TensorInfo[] = [];

  constructor(
    readonly backend: ComposableBackend,
    private readonly backendName: string,
  ) {}

  /** Runs `kernelName` on this backend; its output is released by `disposeIntermediates` unless kept. */
  run(kernelName: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = getKernel(kernelName, this.backendName);
    if (kernel == null) throw new Error(`backend '${this.backendName}' has no kernel '${kernelName}'`);
    const output = kernel.kernelFunc({ inputs, attrs, backend: this.backend });
    if (Array.isArray(output)) throw new Error(`kernel '${kernelName}' returned several outputs; expected one`);
    this.intermediates.push(output);
    return output;
  }

  /** Reshapes without copying (the backend shares the data and counts the reference). */
  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  /** Removes `info` from the intermediates so that it survives `disposeIntermediates`. */
  keep(info: TensorInfo): TensorInfo {
    const index = this.intermediates.indexOf(info);
    if (index >= 0) this.intermediates.splice(index, 1);
    return info;
  }

  /** Releases every intermediate not kept. */
  disposeIntermediates(): void {
    for (const info of this.intermediates) this.backend.disposeData(info.dataId);
    this.intermediates.length = 0;
  }
}

/** Reads a required input of a kernel invocation, naming it if absent. */
export function requireInput(inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const input = inputs[name];
  if (input == null) throw new Error(`kernel input '${name}' is missing`);
  return input;
}
