import { getKernel, registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter-composed';
import { depthwiseConv2dBackpropFilterConfig } from './depthwise-conv2d-backprop-filter-composed';
import { depthwiseConv2dBackpropInputConfig } from './depthwise-conv2d-backprop-input-composed';
import { registerNonOverlappingMaxPoolGradient } from './non-overlapping-max-pool-gradient';
import { registerPointwiseConv2dInputGradient } from './pointwise-conv2d-input-gradient';

/** The kernels a backend needs to train separable CNNs, composed from kernels it has. */
const COMPOSED_GRADIENT_KERNELS: ReadonlyArray<(backendName: string) => KernelConfig> = [
  conv2dBackpropFilterConfig,
  depthwiseConv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
];

/**
 * Registers composed convolution-gradient kernels for `backendName`, each only if the backend
 * lacks that kernel, so native implementations (cpu, tfjs-node) are never replaced. Also routes
 * two gradients whose `backendName` kernels exist but are slow to faster exact compositions,
 * only while `backendName` is active: the input gradient of pointwise convolutions (a matMul)
 * and the gradient of non-overlapping max pooling. Returns the names of the kernels it
 * registered (empty when called again).
 *
 * @example
 * registerComposedGradientKernels('wasm'); // ['Conv2DBackpropFilter', ...] the first time
 */
export function registerComposedGradientKernels(backendName: string): string[] {
  if (typeof backendName !== 'string' || backendName.length === 0) {
    throw new Error(`backendName must be a non-empty string, got ${String(backendName)}`);
  }
  const registered: string[] = [];
  for (const makeConfig of COMPOSED_GRADIENT_KERNELS) {
    const config = makeConfig(backendName);
    if (getKernel(config.kernelName, backendName) != null) continue;
    registerKernel(config);
    registered.push(config.kernelName);
  }
  registerPointwiseConv2dInputGradient(backendName);
  registerNonOverlappingMaxPoolGradient(backendName);
  return registered;
}
